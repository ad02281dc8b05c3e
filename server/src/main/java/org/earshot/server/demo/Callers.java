package org.earshot.server.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Caller ids of the demo: numbers from the 555-0100..0199 range that North American numbering keeps
 * fictional, handed out without repeats (a repeat caller is the simulation's choice, never a clash),
 * a caller-id name for most, and a few withheld numbers.
 */
final class Callers {

    /** One caller: number as Asterisk's CallerIDNum, name as CallerIDName (null when the network sent none). */
    record Caller(String number, String name) {
    }

    private static final String[] AREA_CODES = {"212", "213", "305", "312", "404", "415", "503", "512", "602", "617",
        "646", "702", "713", "718", "720", "773", "808", "858", "917", "919"};
    private static final String[] FIRST = {"Maria", "James", "Linda", "Robert", "Patricia", "Michael", "Jennifer",
        "David", "Susan", "Daniel", "Karen", "Thomas", "Nancy", "Kevin", "Laura", "Jason", "Sofia", "Omar", "Mei",
        "Ivan", "Aisha", "Lucas", "Nora", "Samuel"};
    private static final String[] LAST = {"Johnson", "Garcia", "Miller", "Davis", "Lopez", "Wilson", "Anderson",
        "Taylor", "Thomas", "Moore", "Martin", "Lee", "Perez", "White", "Harris", "Clark", "Lewis", "Walker", "Young",
        "Patel", "Nguyen", "Kowalski", "Rossi", "Schmidt"};

    private final Random random;
    private final List<String> numbers = new ArrayList<>();
    private int next;

    Callers(Random random) {
        this.random = random;
        for (String area : AREA_CODES) {
            for (int line = 100; line <= 199; line++) {
                numbers.add(area + "5550" + line);
            }
        }
        Collections.shuffle(numbers, random);
    }

    /** Someone who has not called before. */
    Caller fresh() {
        if (random.nextDouble() < 0.02) {
            return new Caller("anonymous", null);
        }
        String number = numbers.get(next++ % numbers.size());
        String name = random.nextDouble() < 0.65
                ? FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)] : null;
        return new Caller(number, name);
    }
}
