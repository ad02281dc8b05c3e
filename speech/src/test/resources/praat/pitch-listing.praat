# Prints "time f0" per 10 ms frame of Praat's autocorrelation pitch (To Pitch, floor 60 Hz,
# ceiling 500 Hz: the range Earshot's tracker searches), f0 = 0 when Praat finds the frame unvoiced.
#   praat --run pitch-listing.praat FILE.wav
form Pitch listing
  sentence file
endform
sound = Read from file: file$
pitch = To Pitch: 0.01, 60, 500
n = Get number of frames
for i to n
  t = Get time from frame number: i
  f = Get value in frame: i, "Hertz"
  if f = undefined
    f = 0
  endif
  appendInfoLine: fixed$(t, 4), " ", fixed$(f, 2)
endfor
