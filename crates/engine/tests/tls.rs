//! TLS against real servers: the local PostgreSQL on 127.0.0.1:5432 (Debian's, `ssl = on` with the
//! self-signed "snakeoil" certificate), and a private cluster started here with certificates made here,
//! which asks every TCP client for a client certificate (`hostssl ... cert`).
//!
//! Every connection goes through `DatabaseUrl::connect`, and encryption is read back from the server
//! (`pg_stat_ssl`), not assumed.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use postgres::Client;
use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair, KeyUsagePurpose,
};
use refract_engine::DatabaseUrl;
use refract_engine::devdb::DevDb;
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::ServerCertVerifier;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};

const LOCAL: &str = "127.0.0.1:5432";
const SNAKEOIL: &str = "/etc/ssl/certs/ssl-cert-snakeoil.pem";

fn url(host_port: &str, query: &str) -> DatabaseUrl {
    DatabaseUrl::parse(&format!("postgres://postgres@{host_port}/postgres?{query}"))
        .unwrap_or_else(|e| panic!("{query}: {e}"))
}

fn connect(url: &DatabaseUrl) -> Client {
    url.connect().unwrap_or_else(|e| panic!("{}: {e}", url.redacted))
}

fn connect_error(url: &DatabaseUrl) -> String {
    match url.connect() {
        Ok(_) => panic!("{} connected, and should not have", url.redacted),
        Err(e) => e.to_string(),
    }
}

/// Whether the session is encrypted, as the server sees it.
fn encrypted(client: &mut Client) -> bool {
    client.query_one("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", &[]).unwrap().get(0)
}

/// The local server, if it has TLS on (else the reason to skip).
fn local_server_with_tls() -> Result<(), String> {
    let mut client = url(LOCAL, "sslmode=disable").connect().map_err(|e| format!("no PostgreSQL at {LOCAL}: {e}"))?;
    let ssl: String = client.query_one("SHOW ssl", &[]).unwrap().get(0);
    if ssl != "on" { Err(format!("the PostgreSQL at {LOCAL} has ssl = {ssl}")) } else { Ok(()) }
}

fn pem_certificate(path: &Path) -> CertificateDer<'static> {
    CertificateDer::from_pem_file(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Whether `cert`, trusted as its own root, is valid for `name`: reads the certificate's names through
/// the same checks a connection makes.
fn valid_for(cert: &CertificateDer<'static>, name: &str) -> bool {
    let mut roots = rustls::RootCertStore::empty();
    roots.add(cert.clone()).unwrap();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier = WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider).build().unwrap();
    let name = ServerName::try_from(name.to_string()).unwrap();
    verifier.verify_server_cert(cert, &[], &name, &[], UnixTime::now()).is_ok()
}

#[test]
fn sslmodes_against_the_local_server() {
    if let Err(why) = local_server_with_tls() {
        eprintln!("skipped: {why}");
        return;
    }
    for (query, expected) in [
        ("sslmode=require", true),
        ("sslmode=disable", false),
        ("", true),
        ("sslmode=prefer", true),
        ("sslmode=allow", true),
        ("sslmode=require&sslaccept=accept_invalid_certs", true),
    ] {
        assert_eq!(encrypted(&mut connect(&url(LOCAL, query))), expected, "{query}");
    }
    // Scratch databases and `with_database` keep the TLS settings.
    let server = url(LOCAL, "sslmode=require");
    let other = server.with_database("template1");
    assert!(encrypted(&mut connect(&other)));
}

#[test]
fn verification_against_the_local_server() {
    if let Err(why) = local_server_with_tls() {
        eprintln!("skipped: {why}");
        return;
    }
    if !Path::new(SNAKEOIL).is_file() {
        eprintln!("skipped: {SNAKEOIL} is absent");
        return;
    }
    let snakeoil = pem_certificate(Path::new(SNAKEOIL));
    // Debian puts the snakeoil certificate in /etc/ssl/certs, which is also the system's trust store.
    let system_trusts_it = rustls_native_certs::load_native_certs().certs.contains(&snakeoil);

    // Without sslrootcert, verify-full trusts the system's store.
    let message = connect_error(&url(LOCAL, "sslmode=verify-full"));
    assert!(message.contains("sslmode=verify-full") && message.contains(LOCAL), "{message}");
    if system_trusts_it {
        assert!(message.contains("is not made out to that host name"), "{message}");
    } else {
        assert!(message.contains("is not signed by a root the system trusts"), "{message}");
        assert!(message.contains("pass sslrootcert=/path/to/ca.pem"), "{message}");
        assert!(message.contains("or use sslmode=require to encrypt without verifying"), "{message}");
    }

    // Another CA as the root: the chain fails, whatever the mode that checks it.
    let other_ca = tempfile::NamedTempFile::new().unwrap();
    let (ca, _) = certificate_authority();
    std::fs::write(other_ca.path(), ca.pem()).unwrap();
    let other = other_ca.path().display();
    for (query, way_out) in [
        (format!("sslmode=verify-ca&sslrootcert={other}"), "use sslmode=require"),
        (format!("sslmode=require&sslrootcert={other}"), "remove sslrootcert"),
        (format!("sslmode=prefer&sslrootcert={other}"), "remove sslrootcert"),
    ] {
        let message = connect_error(&url(LOCAL, &query));
        assert!(message.contains(&format!("is not signed by a CA in sslrootcert={other}")), "{query}: {message}");
        assert!(message.contains(way_out), "{query}: {message}");
    }

    // The snakeoil certificate as the root: the chain holds; the name only if the host is one it names.
    let root = format!("sslrootcert={SNAKEOIL}");
    let message = connect_error(&url(LOCAL, &format!("sslmode=verify-full&{root}")));
    assert!(message.contains("the certificate of 127.0.0.1:5432 is not made out to that host name"), "{message}");
    assert!(message.contains("use sslmode=verify-ca"), "{message}");
    for query in [format!("sslmode=verify-ca&{root}"), format!("sslmode=require&{root}")] {
        assert!(encrypted(&mut connect(&url(LOCAL, &query))), "{query}");
    }
    // Prisma's spelling: sslcert is the server's CA, sslaccept=strict checks chain and name.
    let message = connect_error(&url(LOCAL, &format!("sslcert={SNAKEOIL}&sslaccept=strict")));
    assert!(message.contains("sslaccept=strict") && message.contains("not made out to that host name"), "{message}");
    assert!(message.contains("(it names localhost)"), "{message}");

    if valid_for(&snakeoil, "localhost") {
        let localhost = "localhost:5432";
        assert!(encrypted(&mut connect(&url(localhost, &format!("sslmode=verify-full&{root}")))));
        assert!(encrypted(&mut connect(&url(localhost, &format!("sslcert={SNAKEOIL}&sslaccept=strict")))));
        if system_trusts_it {
            assert!(encrypted(&mut connect(&url(localhost, "sslmode=verify-full"))));
        } else {
            let message = connect_error(&url(localhost, "sslmode=verify-full"));
            assert!(message.contains("is not signed by a root the system trusts"), "{message}");
        }
    } else {
        eprintln!("verify-full with a matching name skipped: {SNAKEOIL} does not name localhost");
    }
}

/// A CA certificate and its issuer.
fn certificate_authority() -> (rcgen::Certificate, Issuer<'static, KeyPair>) {
    let key = KeyPair::generate().unwrap();
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params.distinguished_name.push(DnType::CommonName, "refract test CA");
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign, KeyUsagePurpose::DigitalSignature];
    let cert = params.self_signed(&key).unwrap();
    (cert, Issuer::new(params, key))
}

/// A certificate signed by `issuer`, with its key (PKCS#8 PEM).
fn leaf(
    issuer: &Issuer<'static, KeyPair>,
    names: &[&str],
    cn: &str,
    usage: ExtendedKeyUsagePurpose,
) -> (String, String) {
    let key = KeyPair::generate().unwrap();
    let mut params = CertificateParams::new(names.iter().map(|n| n.to_string()).collect::<Vec<_>>()).unwrap();
    params.distinguished_name.push(DnType::CommonName, cn);
    params.extended_key_usages = vec![usage];
    (params.signed_by(&key, issuer).unwrap().pem(), key.serialize_pem())
}

fn postgres_bin() -> Option<PathBuf> {
    let has = |dir: &Path| dir.join("pg_ctl").is_file();
    if let Ok(out) = Command::new("pg_config").arg("--bindir").output() {
        let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        if out.status.success() && has(&dir) {
            return Some(dir);
        }
    }
    let mut dirs: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok())
        .filter_map(|e| Some((e.file_name().to_str()?.parse().ok()?, e.path().join("bin"))))
        .filter(|(_, bin)| has(bin))
        .collect();
    dirs.sort();
    dirs.pop().map(|(_, bin)| bin)
}

/// A private cluster listening on 127.0.0.1 with TLS and client-certificate authentication; stopped and
/// deleted when dropped.
struct CertCluster {
    dir: tempfile::TempDir,
    bin: PathBuf,
    owner: (u32, u32),
    port: u16,
}

impl CertCluster {
    fn data(&self) -> PathBuf {
        self.dir.path().join("refract/pg/data")
    }

    fn certs(&self) -> PathBuf {
        self.dir.path().join("certs")
    }

    fn pg_ctl(&self) -> Command {
        let mut cmd = Command::new(self.bin.join("pg_ctl"));
        cmd.env("LC_ALL", "C").current_dir("/");
        if is_root() {
            cmd.uid(self.owner.0).gid(self.owner.1);
        }
        cmd
    }
}

impl Drop for CertCluster {
    fn drop(&mut self) {
        let _ = self.pg_ctl().args(["stop", "-w", "-m", "immediate", "-D"]).arg(self.data()).output();
    }
}

fn is_root() -> bool {
    std::fs::metadata("/proc/self").map(|m| m.uid() == 0).unwrap_or(false)
}

fn start_cert_cluster() -> Result<CertCluster, String> {
    let bin = postgres_bin().ok_or("no PostgreSQL server programs (pg_config --bindir, /usr/lib/postgresql)")?;
    let dir = tempfile::tempdir().unwrap();
    // The server may run as `nobody`, which must reach the folder.
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    // The embedded database's own steps make the cluster (initdb as the right user); it then stops, to be
    // started again on TCP with TLS.
    let devdb = DevDb::new(&dir.path().join("refract/pg")).unwrap_or_else(|e| panic!("{e}"));
    devdb.start().unwrap_or_else(|e| panic!("{e}"));
    devdb.stop().unwrap_or_else(|e| panic!("{e}"));
    let data = dir.path().join("refract/pg/data");
    let meta = std::fs::metadata(&data).unwrap();
    let owner = (meta.uid(), meta.gid());
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let cluster = CertCluster { dir, bin, owner, port };

    let (ca, issuer) = certificate_authority();
    let (server_cert, server_key) =
        leaf(&issuer, &["localhost", "127.0.0.1"], "localhost", ExtendedKeyUsagePurpose::ServerAuth);
    let (client_cert, client_key) = leaf(&issuer, &[], "postgres", ExtendedKeyUsagePurpose::ClientAuth);
    let certs = cluster.certs();
    std::fs::create_dir(&certs).unwrap();
    for (name, text) in [
        ("ca.crt", ca.pem()),
        ("server.crt", server_cert),
        ("server.key", server_key),
        ("client.crt", client_cert),
        ("client.key", client_key),
    ] {
        let path = certs.join(name);
        std::fs::write(&path, text).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        if name.starts_with("server") || name == "ca.crt" {
            std::os::unix::fs::chown(&path, Some(owner.0), Some(owner.1)).unwrap();
        }
    }
    std::fs::write(cluster.data().join("pg_hba.conf"), "local all all trust\nhostssl all all 127.0.0.1/32 cert\n")
        .unwrap();
    let options = format!(
        "-k {run} -c listen_addresses=127.0.0.1 -p {port} -c fsync=off -c ssl=on -c ssl_cert_file={c}/server.crt \
         -c ssl_key_file={c}/server.key -c ssl_ca_file={c}/ca.crt",
        run = cluster.dir.path().join("refract/pg/run").display(),
        c = certs.display(),
    );
    let log = cluster.dir.path().join("refract/pg/server.log");
    let out = cluster
        .pg_ctl()
        .args(["start", "-w", "-D"])
        .arg(cluster.data())
        .arg("-l")
        .arg(&log)
        .arg("-o")
        .arg(options)
        .output()
        .unwrap();
    if !out.status.success() {
        let log = std::fs::read_to_string(&log).unwrap_or_default();
        panic!("the TLS cluster did not start: {}\n{log}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(cluster)
}

#[test]
fn client_certificates_against_a_private_cluster() {
    let cluster = match start_cert_cluster() {
        Ok(cluster) => cluster,
        Err(why) => {
            eprintln!("skipped: {why}");
            return;
        }
    };
    let certs = cluster.certs();
    let c = certs.display();
    let host = format!("localhost:{}", cluster.port);
    let ip = format!("127.0.0.1:{}", cluster.port);
    let client = format!("sslcert={c}/client.crt&sslkey={c}/client.key");

    // The client certificate signs the session in (pg_hba `cert`), over a verified connection.
    let full = url(&host, &format!("sslmode=verify-full&sslrootcert={c}/ca.crt&{client}"));
    let mut session = connect(&full);
    assert!(encrypted(&mut session));
    let dn: Option<String> =
        session.query_one("SELECT client_dn FROM pg_stat_ssl WHERE pid = pg_backend_pid()", &[]).unwrap().get(0);
    assert_eq!(dn.as_deref(), Some("/CN=postgres"));
    // An IP address in the certificate's names is matched too.
    assert!(encrypted(&mut connect(&url(&ip, &format!("sslmode=verify-full&sslrootcert={c}/ca.crt&{client}")))));
    // The default mode sends the certificate as well.
    assert!(encrypted(&mut connect(&url(&ip, &client))));

    // Relative paths: from the base folder (the schema's, for the CLI).
    let relative = DatabaseUrl::parse_with_base(
        &format!("postgres://postgres@{host}/postgres?sslmode=verify-full&sslrootcert=ca.crt&sslcert=client.crt&sslkey=client.key"),
        Some(&certs),
    )
    .unwrap();
    assert!(encrypted(&mut connect(&relative)));

    // Without a client certificate the server refuses, and the message says what to pass.
    let message = connect_error(&url(&host, &format!("sslmode=verify-full&sslrootcert={c}/ca.crt")));
    assert!(message.contains("connection requires a valid client certificate"), "{message}");
    assert!(message.contains("sslcert=client.crt&sslkey=client.key"), "{message}");

    // The cluster's CA is in no system store: verify-full without sslrootcert fails on the chain.
    let message = connect_error(&url(&host, &format!("sslmode=verify-full&{client}")));
    assert!(
        message.contains(&format!("the certificate of {host} is not signed by a root the system trusts")),
        "{message}"
    );
    assert!(message.contains("pass sslrootcert=/path/to/ca.pem"), "{message}");

    // A missing key file names the parameter, not the path: a key's path says where a secret lives.
    let message = connect_error(&url(&host, &format!("sslcert={c}/client.crt&sslkey=absent.key")));
    assert!(message.contains("sslkey: no such file") && !message.contains("absent.key"), "{message}");

    // Other key encodings, made with the openssl program when it is there.
    if Command::new("openssl").arg("version").output().is_ok_and(|o| o.status.success()) {
        let openssl = |args: &[&str]| {
            let out = Command::new("openssl").args(args).current_dir(&certs).output().unwrap();
            assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        };
        openssl(&["ec", "-in", "client.key", "-out", "client-sec1.key"]);
        assert!(std::fs::read_to_string(certs.join("client-sec1.key")).unwrap().contains("BEGIN EC PRIVATE KEY"));
        assert!(encrypted(&mut connect(&url(&host, &format!("sslcert={c}/client.crt&sslkey={c}/client-sec1.key")))));
        openssl(&[
            "pkcs8",
            "-topk8",
            "-in",
            "client.key",
            "-out",
            "client-enc.key",
            "-passout",
            "pass:key-secret-value",
        ]);
        let message = connect_error(&url(
            &host,
            &format!("sslcert={c}/client.crt&sslkey={c}/client-enc.key&sslpassword=key-secret-value"),
        ));
        assert!(message.contains("the key is encrypted (with sslpassword)"), "{message}");
        assert!(!message.contains("key-secret-value"), "{message}");

        // PKCS#12 (Prisma's sslidentity), as OpenSSL 3 writes it by default (PBES2, AES-256-CBC) and with
        // -legacy (3DES key, RC2-40 certificates), in Prisma's URL: relative paths from the schema's
        // folder, sslcert is the server's CA, sslaccept=strict checks it.
        openssl(&[
            "pkcs12",
            "-export",
            "-inkey",
            "client.key",
            "-in",
            "client.crt",
            "-out",
            "client.p12",
            "-passout",
            "pass:p12-secret-value",
        ]);
        let legacy = Command::new("openssl")
            .args(["pkcs12", "-export", "-legacy", "-inkey", "client.key", "-in", "client.crt", "-out", "legacy.p12"])
            .args(["-passout", "pass:p12-secret-value"])
            .current_dir(&certs)
            .output()
            .unwrap();
        let mut identities = vec!["client.p12"];
        if legacy.status.success() {
            identities.push("legacy.p12");
        } else {
            eprintln!("-legacy PKCS#12 skipped: {}", String::from_utf8_lossy(&legacy.stderr));
        }
        for identity in identities {
            let prisma = DatabaseUrl::parse_with_base(
                &format!(
                    "postgresql://postgres@{host}/postgres?sslidentity={identity}&sslpassword=p12-secret-value\
                     &sslcert=ca.crt&sslaccept=strict"
                ),
                Some(&certs),
            )
            .unwrap();
            assert!(!prisma.redacted.contains("p12-secret-value") && !prisma.redacted.contains(identity));
            let mut session = connect(&prisma);
            assert!(encrypted(&mut session), "{identity}");
            let dn: Option<String> = session
                .query_one("SELECT client_dn FROM pg_stat_ssl WHERE pid = pg_backend_pid()", &[])
                .unwrap()
                .get(0);
            assert_eq!(dn.as_deref(), Some("/CN=postgres"), "{identity}");
            // libpq's spelling of the server's CA, and an absolute path, work as well.
            let libpq = url(
                &ip,
                &format!(
                    "sslmode=verify-ca&sslrootcert={c}/ca.crt&sslidentity={c}/{identity}&sslpassword=p12-secret-value"
                ),
            );
            assert!(encrypted(&mut connect(&libpq)), "{identity}");

            // A wrong password fails on the identity, before any connection, and shows neither password
            // nor path.
            let wrong = url(&host, &format!("sslidentity={c}/{identity}&sslpassword=wrong-secret-value"));
            let message = connect_error(&wrong);
            assert!(message.contains("sslidentity: wrong sslpassword"), "{message}");
            for secret in ["wrong-secret-value", "p12-secret-value", identity] {
                assert!(!message.contains(secret) && !wrong.redacted.contains(secret), "{message}");
                assert!(!format!("{wrong:?}").contains(secret));
            }
            // Without sslpassword, the message asks for it.
            let message = connect_error(&url(&host, &format!("sslidentity={c}/{identity}")));
            assert!(message.contains("pass it as sslpassword") && !message.contains(identity), "{message}");
        }
    } else {
        eprintln!("SEC1 keys, encrypted keys and PKCS#12 identities skipped: no openssl program");
    }
}
