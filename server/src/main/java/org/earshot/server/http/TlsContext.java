package org.earshot.server.http;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's TLS context, built from the {@code tls-cert} and {@code tls-key} PEM files and rebuilt when
 * either file changes (a renewed certificate): new connections get the new one, open ones keep theirs. A new
 * pair that does not load keeps the old context and logs why.
 */
final class TlsContext {

    private static final Logger log = LoggerFactory.getLogger(TlsContext.class);

    private final Path certFile;
    private final Path keyFile;
    private final AtomicReference<SslContext> current = new AtomicReference<>();
    private final AtomicLong reloads = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile List<Object> seen;

    /** @throws IllegalArgumentException naming the file and what is wrong with it */
    TlsContext(Path certFile, Path keyFile) {
        this.certFile = certFile;
        this.keyFile = keyFile;
        this.seen = stamp();
        current.set(load(certFile, keyFile));
    }

    /** The context new connections get. */
    SslContext current() {
        return current.get();
    }

    /** Successful reloads since start. */
    long reloads() {
        return reloads.get();
    }

    /** Changed files that did not load since start (the old context stayed). */
    long failures() {
        return failures.get();
    }

    /** Called after every reload attempt of changed files, loaded or not (tests wait on it). */
    void onCheck(Runnable listener) {
        listeners.add(listener);
    }

    /** Reloads when either file's modification time or size changed since the last look. */
    void reloadIfChanged() {
        List<Object> now = stamp();
        if (now.equals(seen)) {
            return;
        }
        seen = now; // a broken pair is reported once, not on every look
        try {
            current.set(load(certFile, keyFile));
            reloads.incrementAndGet();
            log.info("TLS certificate reloaded from {}", certFile);
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            log.error("TLS certificate not reloaded, the previous one stays in use: {}", e.getMessage());
        }
        listeners.forEach(Runnable::run);
    }

    private List<Object> stamp() {
        return List.of(modified(certFile), size(certFile), modified(keyFile), size(keyFile));
    }

    private static Object modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(-1);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Netty reads PKCS#8 keys (RSA, EC); the older PKCS#1/SEC1 forms would need BouncyCastle's PEM reader. */
    static SslContext load(Path certFile, Path keyFile) {
        String cert = readPem(HttpSettings.TLS_CERT, certFile);
        if (!cert.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException(HttpSettings.TLS_CERT + " " + certFile + " holds no PEM certificate"
                    + " (-----BEGIN CERTIFICATE-----)");
        }
        String key = readPem(HttpSettings.TLS_KEY, keyFile);
        if (key.contains("-----BEGIN RSA PRIVATE KEY-----") || key.contains("-----BEGIN EC PRIVATE KEY-----")) {
            throw new IllegalArgumentException(HttpSettings.TLS_KEY + " " + keyFile + " is a traditional (PKCS#1/SEC1)"
                    + " key; Earshot reads PKCS#8 keys (-----BEGIN PRIVATE KEY-----): convert it with"
                    + " openssl pkcs8 -topk8 -nocrypt -in " + keyFile + " -out key-pkcs8.pem");
        }
        if (key.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            throw new IllegalArgumentException(HttpSettings.TLS_KEY + " " + keyFile + " is encrypted; give the key"
                    + " unencrypted, readable by Earshot's user only (openssl pkcs8 -topk8 -nocrypt -in " + keyFile
                    + " -out key-pkcs8.pem)");
        }
        if (!key.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalArgumentException(HttpSettings.TLS_KEY + " " + keyFile + " holds no PEM private key"
                    + " (-----BEGIN PRIVATE KEY-----)");
        }
        requireMatch(certFile, cert, keyFile, key);
        try {
            return SslContextBuilder.forServer(certFile.toFile(), keyFile.toFile()).build();
        } catch (Exception e) {
            throw new IllegalArgumentException(HttpSettings.TLS_CERT + " " + certFile + " and " + HttpSettings.TLS_KEY
                    + " " + keyFile + " do not make a TLS context: " + rootMessage(e), e);
        }
    }

    /**
     * The key signs what the certificate's public key verifies. Netty does not check: a renewal caught half-way
     * (new key, old certificate) would otherwise fail every handshake with nothing in the log.
     */
    private static void requireMatch(Path certFile, String certPem, Path keyFile, String keyPem) {
        java.security.cert.X509Certificate cert;
        try {
            cert = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(certPem.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalArgumentException(HttpSettings.TLS_CERT + " " + certFile + " is not a readable X.509"
                    + " certificate: " + e.getMessage(), e);
        }
        java.security.PublicKey publicKey = cert.getPublicKey();
        java.security.PrivateKey privateKey;
        try {
            String base64 = keyPem.substring(keyPem.indexOf("-----BEGIN PRIVATE KEY-----") + 27);
            base64 = base64.substring(0, base64.indexOf("-----END PRIVATE KEY-----"));
            privateKey = java.security.KeyFactory.getInstance(publicKey.getAlgorithm()).generatePrivate(
                    new java.security.spec.PKCS8EncodedKeySpec(java.util.Base64.getMimeDecoder().decode(base64)));
        } catch (RuntimeException | java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException(HttpSettings.TLS_KEY + " " + keyFile + " is not a PKCS#8 "
                    + publicKey.getAlgorithm() + " private key matching " + HttpSettings.TLS_CERT + " " + certFile, e);
        }
        try {
            String algorithm = publicKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256with" + publicKey.getAlgorithm();
            byte[] probe = "earshot".getBytes(StandardCharsets.US_ASCII);
            java.security.Signature signer = java.security.Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            java.security.Signature verifier = java.security.Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new IllegalArgumentException(HttpSettings.TLS_KEY + " " + keyFile + " is not the key of "
                        + HttpSettings.TLS_CERT + " " + certFile + " (a renewal half done? both files must be replaced)");
            }
        } catch (java.security.GeneralSecurityException e) {
            // An algorithm this JDK cannot sign with here: leave the judgement to the TLS handshake.
            log.debug("TLS key and certificate not compared: {}", e.getMessage());
        }
    }

    private static String readPem(String key, Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException(key + " " + file + " does not exist");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IllegalArgumentException(key + " " + file + " cannot be read by user "
                    + System.getProperty("user.name") + " (permission denied)");
        } catch (IOException e) {
            throw new IllegalArgumentException(key + " " + file + " cannot be read: " + e.getMessage());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
