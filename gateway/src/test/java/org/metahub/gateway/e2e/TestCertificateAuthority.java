package org.metahub.gateway.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away certificate authority made with the {@code openssl} command, which issues server certificates
 * for loopback (or another address) as cert-manager would put them into a {@code kubernetes.io/tls} Secret.
 */
final class TestCertificateAuthority {

	private final Path directory;

	private final Path certificate;

	private final Path key;

	private int issued;

	private TestCertificateAuthority(Path directory) {
		this.directory = directory;
		this.certificate = directory.resolve("ca.crt");
		this.key = directory.resolve("ca.key");
		openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
				"-keyout", key.toString(), "-out", certificate.toString(), "-days", "2", "-subj", "/CN=metahub-test-ca",
				"-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
	}

	static TestCertificateAuthority create(Path directory) {
		return new TestCertificateAuthority(directory);
	}

	/** The CA's certificate, PEM: what a client's {@code ca.crt} holds. */
	Path certificate() {
		return certificate;
	}

	/** A server certificate and key, as {@code tls.crt} and {@code tls.key}, with a serial of its own. */
	record Issued(Path certificate, Path key, BigInteger serial) {
	}

	/** Issues a certificate for {@code 127.0.0.1}, {@code localhost} and any extra IP addresses. */
	Issued issue(String commonName, String... extraAddresses) {
		issued++;
		Path folder = directory.resolve("issued-" + issued);
		try {
			Files.createDirectories(folder);
			List<String> names = new ArrayList<>(List.of("IP:127.0.0.1", "DNS:localhost"));
			for (String address : extraAddresses) {
				names.add("IP:" + address);
			}
			Path extensions = folder.resolve("extensions.cnf");
			Files.writeString(extensions, "subjectAltName=" + String.join(",", names)
					+ "\nextendedKeyUsage=serverAuth\nbasicConstraints=critical,CA:FALSE\n");
			Path serverKey = folder.resolve("tls.key");
			Path request = folder.resolve("tls.csr");
			Path serverCertificate = folder.resolve("tls.crt");
			BigInteger serial = BigInteger.valueOf(System.nanoTime()).shiftLeft(8).add(BigInteger.valueOf(issued));
			openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
					serverKey.toString(), "-out", request.toString(), "-subj", "/CN=" + commonName);
			openssl("x509", "-req", "-in", request.toString(), "-CA", certificate.toString(), "-CAkey", key.toString(),
					"-set_serial", serial.toString(), "-days", "2", "-extfile", extensions.toString(), "-out",
					serverCertificate.toString());
			return new Issued(serverCertificate, serverKey, serial);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A TLS context that trusts this CA only. */
	SSLContext trusting() {
		try (InputStream in = Files.newInputStream(certificate)) {
			X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
			KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
			store.load(null, null);
			store.setCertificateEntry("ca", ca);
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(store);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The serial of the certificate a new TLS connection to the address is shown, verified against this CA;
	 * a fresh context each time, so no resumed session can show an older certificate.
	 */
	BigInteger presentedSerial(String host, int port) {
		try (SSLSocket socket = (SSLSocket) trusting().getSocketFactory().createSocket(host, port)) {
			socket.setSoTimeout(10_000);
			socket.startHandshake();
			return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void openssl(String... arguments) {
		List<String> command = new ArrayList<>(List.of("openssl"));
		command.addAll(List.of(arguments));
		CommandLine.run(command).assertSucceeded();
	}

}
