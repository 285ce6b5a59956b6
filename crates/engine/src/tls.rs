//! TLS for the connections refract makes: the `sslmode` family of URL parameters, as libpq and Prisma
//! users write them, turned into a rustls configuration.
//!
//! | `sslmode`              | TLS                              | the server's certificate                          |
//! |------------------------|----------------------------------|---------------------------------------------------|
//! | `disable`              | never                            | -                                                 |
//! | `allow`, `prefer`      | when the server offers it        | not checked (checked as `verify-ca` with `sslrootcert`) |
//! | `require`              | always                           | not checked (checked as `verify-ca` with `sslrootcert`) |
//! | `verify-ca`            | always                           | signed by a trusted root                          |
//! | `verify-full`          | always                           | signed by a trusted root and made out to the host |
//!
//! `prefer` is the default, as in libpq and Prisma. "Not checked" still checks the handshake's
//! signatures: the connection is encrypted to whoever holds the key of the certificate shown.
//! Trusted roots are the certificates of `sslrootcert` (a PEM file) or, without it, the operating
//! system's store (`sslrootcert=system` names it explicitly and implies `verify-full`).
//!
//! Prisma's parameters: `sslaccept=strict` checks the certificate as `verify-full` does, and
//! `sslaccept=accept_invalid_certs` (Prisma's default) checks nothing unless `sslmode` says
//! `verify-ca` or `verify-full`. Prisma's `sslcert` alone names the server's CA certificate (trusted
//! besides the system store, as Prisma does); with `sslkey` beside it, `sslcert` is libpq's client
//! certificate. Prisma's `sslidentity` names a PKCS#12 file holding the client certificate (with its
//! chain) and its key, protected by `sslpassword` (see [`identity`] for the formats read). Relative
//! certificate paths are looked up in the schema's folder first (Prisma's rule) and then in the
//! working directory.

mod identity;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::WebPkiSupportedAlgorithms;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};

use crate::EngineError;

/// The URL parameters this module reads; the driver never sees them.
pub const TLS_PARAMS: &[&str] =
    &["sslmode", "sslrootcert", "sslcert", "sslkey", "sslpassword", "sslidentity", "sslaccept"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SslMode {
    Disable,
    Allow,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

impl SslMode {
    fn parse(value: &str) -> Option<SslMode> {
        Some(match value {
            "disable" => SslMode::Disable,
            "allow" => SslMode::Allow,
            "prefer" => SslMode::Prefer,
            "require" => SslMode::Require,
            "verify-ca" => SslMode::VerifyCa,
            "verify-full" => SslMode::VerifyFull,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SslMode::Disable => "disable",
            SslMode::Allow => "allow",
            SslMode::Prefer => "prefer",
            SslMode::Require => "require",
            SslMode::VerifyCa => "verify-ca",
            SslMode::VerifyFull => "verify-full",
        }
    }
}

/// Prisma's `sslaccept`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SslAccept {
    Strict,
    AcceptInvalidCerts,
}

/// How much of the server's certificate a connection checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verification {
    /// Encrypted, the certificate not checked (handshake signatures still are).
    None,
    /// The chain up to a trusted root, not the host name (`verify-ca`).
    Chain,
    /// The chain and the host name (`verify-full`).
    Full,
}

/// A certificate file named in the URL, with the places it is looked for.
#[derive(Clone)]
pub struct CertFile {
    /// The URL parameter (`sslrootcert`, ...).
    pub param: &'static str,
    /// The path as written in the URL.
    pub given: String,
    candidates: Vec<PathBuf>,
}

impl std::fmt::Debug for CertFile {
    /// A private key's path stays out of debug output too (see [`CertFile::is_secret`]).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.is_secret() {
            return f.debug_struct("CertFile").field("param", &self.param).finish_non_exhaustive();
        }
        f.debug_struct("CertFile").field("param", &self.param).field("given", &self.given).finish()
    }
}

impl CertFile {
    fn new(param: &'static str, given: String, base: Option<&Path>) -> CertFile {
        let path = PathBuf::from(&given);
        let mut candidates = Vec::new();
        if path.is_relative()
            && let Some(base) = base
        {
            candidates.push(base.join(&path));
        }
        candidates.push(path);
        CertFile { param, given, candidates }
    }

    /// A private key's path is never printed (it tells where a secret lives); certificates are public.
    fn is_secret(&self) -> bool {
        matches!(self.param, "sslkey" | "sslidentity")
    }

    /// `param=path` for messages, or only `param` for a private key.
    fn label(&self) -> String {
        if self.is_secret() { self.param.to_string() } else { format!("{}={}", self.param, self.given) }
    }

    fn read(&self) -> Result<(PathBuf, Vec<u8>), String> {
        for candidate in &self.candidates {
            match std::fs::read(candidate) {
                Ok(bytes) => return Ok((candidate.clone(), bytes)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(_) if self.is_secret() => {
                    return Err(format!("{}: the file cannot be read (check its permissions)", self.label()));
                }
                Err(e) => return Err(format!("{}: cannot read {}: {e}", self.label(), shown(candidate))),
            }
        }
        if self.is_secret() {
            let places =
                if self.candidates.len() > 1 { "beside the schema nor in the working directory" } else { "there" };
            return Err(format!("{}: no such file {places}", self.label()));
        }
        let looked: Vec<String> = self.candidates.iter().map(|c| shown(c)).collect();
        Err(format!("{}: no such file (looked for {})", self.label(), looked.join(" and ")))
    }
}

fn shown(path: &Path) -> String {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()).display().to_string()
}

/// Where trusted roots come from.
#[derive(Debug, Clone)]
enum Roots {
    /// libpq's `sslrootcert=FILE`: that file only.
    File(CertFile),
    /// `sslrootcert=system`, or nothing named: the operating system's store.
    System,
    /// Prisma's `sslcert` (without `sslkey`): that file and the system store.
    FileAndSystem(CertFile),
}

/// A value that never shows in messages or `Debug` output.
#[derive(Clone)]
struct Secret(String);

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// Where the client certificate and its key come from.
#[derive(Debug, Clone)]
enum ClientIdentity {
    /// libpq's `sslcert` and `sslkey`: PEM (or DER) files.
    Pem { cert: CertFile, key: CertFile },
    /// Prisma's `sslidentity`: a PKCS#12 file, its password in `sslpassword`.
    Pkcs12(CertFile),
}

/// The TLS settings of one database URL, and the rustls configuration made from them on first use.
pub struct TlsSettings {
    mode: SslMode,
    mode_given: bool,
    roots: Roots,
    root_given: bool,
    accept: Option<SslAccept>,
    client: Option<ClientIdentity>,
    /// The password of `sslidentity`. An encrypted `sslkey` is refused (refract reads unencrypted PEM
    /// keys only), and says so.
    password: Option<Secret>,
    config: OnceLock<Arc<ClientConfig>>,
}

impl fmt::Debug for TlsSettings {
    /// The settings, never the password nor the loaded keys.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TlsSettings")
            .field("mode", &self.mode)
            .field("verification", &self.verification())
            .field("roots", &self.roots)
            .field("accept", &self.accept)
            .field("client", &self.client)
            .field("password", &self.password)
            .finish()
    }
}

impl Default for TlsSettings {
    fn default() -> TlsSettings {
        TlsSettings {
            mode: SslMode::Prefer,
            mode_given: false,
            roots: Roots::System,
            root_given: false,
            accept: None,
            client: None,
            password: None,
            config: OnceLock::new(),
        }
    }
}

impl TlsSettings {
    /// Reads the TLS parameters among a URL's (decoded) query pairs; relative certificate paths are
    /// looked up in `base` first, then in the working directory.
    pub fn from_params<'a>(
        pairs: impl IntoIterator<Item = (&'a str, String)>,
        base: Option<&Path>,
    ) -> Result<TlsSettings, EngineError> {
        let mut settings = TlsSettings::default();
        let (mut rootcert, mut cert, mut key, mut identity) = (None, None, None, None);
        for (key_name, value) in pairs {
            match key_name {
                "sslmode" => {
                    settings.mode = SslMode::parse(&value).ok_or_else(|| {
                        EngineError::Usage(format!(
                            "invalid sslmode `{value}` in the database URL: use disable, allow, prefer, require, verify-ca or verify-full"
                        ))
                    })?;
                    settings.mode_given = true;
                }
                "sslaccept" => {
                    settings.accept = Some(match value.as_str() {
                        "strict" => SslAccept::Strict,
                        "accept_invalid_certs" => SslAccept::AcceptInvalidCerts,
                        _ => {
                            return Err(EngineError::Usage(format!(
                                "invalid sslaccept `{value}` in the database URL: use strict or accept_invalid_certs"
                            )));
                        }
                    })
                }
                "sslrootcert" => rootcert = Some(value),
                "sslcert" => cert = Some(value),
                "sslkey" => key = Some(value),
                "sslidentity" => identity = Some(value),
                "sslpassword" => settings.password = Some(Secret(value)),
                _ => {}
            }
        }
        if identity.is_some() && key.is_some() {
            return Err(EngineError::Usage(
                "sslidentity and sslkey both name the client's key: pass one of them (sslidentity=client.p12 with \
                 sslpassword, or sslcert=client.crt&sslkey=client.key)"
                    .into(),
            ));
        }
        match rootcert.as_deref() {
            Some("system") => {
                if settings.mode_given && settings.mode != SslMode::VerifyFull {
                    return Err(EngineError::Usage(format!(
                        "sslrootcert=system needs sslmode=verify-full (the database URL says sslmode={}): a certificate \
                         any public CA signs proves nothing unless it names the host",
                        settings.mode.as_str()
                    )));
                }
                settings.mode = SslMode::VerifyFull;
                settings.root_given = true;
            }
            Some(file) => {
                settings.roots = Roots::File(CertFile::new("sslrootcert", file.to_string(), base));
                settings.root_given = true;
            }
            None => {}
        }
        if let Some(identity) = identity {
            settings.client = Some(ClientIdentity::Pkcs12(CertFile::new("sslidentity", identity, base)));
        }
        match (cert, key) {
            (Some(cert), Some(key)) => {
                settings.client = Some(ClientIdentity::Pem {
                    cert: CertFile::new("sslcert", cert, base),
                    key: CertFile::new("sslkey", key, base),
                });
            }
            (None, Some(_)) => {
                return Err(EngineError::Usage(
                    "sslkey needs sslcert: pass the client certificate (sslcert=client.crt) with its key".into(),
                ));
            }
            (Some(cert), None) => {
                // Prisma's meaning: the server's CA certificate.
                if !settings.root_given {
                    settings.roots = Roots::FileAndSystem(CertFile::new("sslcert", cert, base));
                }
            }
            (None, None) => {}
        }
        Ok(settings)
    }

    /// The `sslmode` asked for (`prefer` when the URL names none).
    pub fn mode(&self) -> SslMode {
        self.mode
    }

    /// What a TLS connection checks of the server's certificate.
    pub fn verification(&self) -> Verification {
        match self.mode {
            SslMode::VerifyFull => Verification::Full,
            SslMode::VerifyCa => Verification::Chain,
            SslMode::Disable => Verification::None,
            SslMode::Allow | SslMode::Prefer | SslMode::Require => match self.accept {
                Some(SslAccept::Strict) => Verification::Full,
                Some(SslAccept::AcceptInvalidCerts) => Verification::None,
                // libpq: with a root certificate named, require (and prefer) verify the chain.
                None if self.root_given => Verification::Chain,
                None => Verification::None,
            },
        }
    }

    /// The driver's mode: it knows disable, prefer and require; the checks are rustls's.
    pub fn driver_mode(&self) -> postgres::config::SslMode {
        match self.mode {
            SslMode::Disable => postgres::config::SslMode::Disable,
            SslMode::Allow | SslMode::Prefer => postgres::config::SslMode::Prefer,
            SslMode::Require | SslMode::VerifyCa | SslMode::VerifyFull => postgres::config::SslMode::Require,
        }
    }

    /// The parameters that decided the checks, for messages: `sslmode=verify-full`,
    /// `sslaccept=strict`, `sslmode=require with sslrootcert`.
    pub fn describe(&self) -> String {
        let mode = format!("sslmode={}", self.mode.as_str());
        match (self.mode, self.accept, self.root_given) {
            (SslMode::VerifyCa | SslMode::VerifyFull | SslMode::Disable, _, _) => mode,
            (_, Some(SslAccept::Strict), _) => "sslaccept=strict".into(),
            (_, Some(SslAccept::AcceptInvalidCerts), _) => format!("{mode} with sslaccept=accept_invalid_certs"),
            (_, None, true) => format!("{mode} with sslrootcert (checked as verify-ca)"),
            (_, None, false) => mode,
        }
    }

    /// The trusted roots, in words: "sslrootcert=ca.pem", "the system's trust store".
    pub fn roots_description(&self) -> String {
        match &self.roots {
            Roots::File(file) => format!("{}={}", file.param, file.given),
            Roots::System => "the system's trust store".into(),
            Roots::FileAndSystem(file) => format!("{}={} or the system's trust store", file.param, file.given),
        }
    }

    pub fn has_client_certificate(&self) -> bool {
        self.client.is_some()
    }

    /// The rustls configuration: certificates are read on the first call, which later calls (and
    /// clones of the URL) share.
    pub fn client_config(&self) -> Result<Arc<ClientConfig>, String> {
        if let Some(config) = self.config.get() {
            return Ok(config.clone());
        }
        let config = Arc::new(self.build()?);
        Ok(self.config.get_or_init(|| config).clone())
    }

    fn build(&self) -> Result<ClientConfig, String> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let verifier: Arc<dyn ServerCertVerifier> = match self.verification() {
            Verification::None => Arc::new(EncryptOnly { algorithms: provider.signature_verification_algorithms }),
            level => {
                let roots = Arc::new(self.load_roots()?);
                let webpki = WebPkiServerVerifier::builder_with_provider(roots, provider.clone())
                    .build()
                    .map_err(|e| format!("cannot use the trusted roots ({}): {e}", self.roots_description()))?;
                if level == Verification::Full { webpki } else { Arc::new(ChainOnly { inner: webpki }) }
            }
        };
        let builder = ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| format!("TLS setup failed: {e}"))?
            .dangerous()
            .with_custom_certificate_verifier(verifier);
        match &self.client {
            None => Ok(builder.with_no_client_auth()),
            Some(ClientIdentity::Pem { cert, key }) => {
                let chain = read_certificates(cert)?;
                let key = self.read_key(key)?;
                builder.with_client_auth_cert(chain, key).map_err(|e| {
                    format!("sslcert={} and the key in sslkey do not make a client certificate: {e}", cert.given)
                })
            }
            Some(ClientIdentity::Pkcs12(file)) => {
                let (_, bytes) = file.read()?;
                let identity = identity::read(&bytes, self.password.as_ref().map(|p| p.0.as_str()))?;
                builder.with_client_auth_cert(identity.chain, identity.key).map_err(|e| {
                    format!(
                        "sslidentity: the certificate and the key in the file do not make a client certificate: {e}"
                    )
                })
            }
        }
    }

    fn load_roots(&self) -> Result<RootCertStore, String> {
        let mut store = RootCertStore::empty();
        let file = match &self.roots {
            Roots::File(file) | Roots::FileAndSystem(file) => Some(file),
            Roots::System => None,
        };
        if let Some(file) = file {
            for cert in read_certificates(file)? {
                store.add(cert).map_err(|e| {
                    format!("{}={}: a certificate there cannot be a trusted root: {e}", file.param, file.given)
                })?;
            }
        }
        if matches!(self.roots, Roots::System | Roots::FileAndSystem(_)) {
            let native = rustls_native_certs::load_native_certs();
            store.add_parsable_certificates(native.certs);
            if store.is_empty() {
                let why = native.errors.first().map(|e| format!(" ({e})")).unwrap_or_default();
                return Err(format!(
                    "{} needs trusted roots and the system's trust store has none{why}: pass sslrootcert=/path/to/ca.pem \
                     (your provider's CA bundle), or install the system's CA certificates (Debian: ca-certificates)",
                    self.describe()
                ));
            }
        }
        Ok(store)
    }

    fn read_key(&self, file: &CertFile) -> Result<PrivateKeyDer<'static>, String> {
        let (_, bytes) = file.read()?;
        let text = String::from_utf8_lossy(&bytes);
        if text.contains("ENCRYPTED") {
            let with = if self.password.is_some() { " (with sslpassword)" } else { "" };
            return Err(format!(
                "sslkey: the key is encrypted{with}, and refract reads unencrypted keys only: write a decrypted \
                 copy readable only by you (`openssl pkey -in ENCRYPTED.key -out client.key`) and pass sslkey=client.key"
            ));
        }
        PrivateKeyDer::from_pem_slice(&bytes).or_else(|_| PrivateKeyDer::try_from(bytes.clone())).map_err(|_| {
            "sslkey: the file holds no private key (expected a PEM key: PKCS#8 `PRIVATE KEY`, PKCS#1 `RSA PRIVATE KEY` \
             or SEC1 `EC PRIVATE KEY`)"
                .to_string()
        })
    }
}

/// The certificates of a PEM file (or of a DER file holding one certificate).
fn read_certificates(file: &CertFile) -> Result<Vec<CertificateDer<'static>>, String> {
    let (path, bytes) = file.read()?;
    let mut certs = Vec::new();
    for cert in CertificateDer::pem_slice_iter(&bytes) {
        certs.push(cert.map_err(|e| format!("{}={}: {} is not valid PEM: {e}", file.param, file.given, shown(&path)))?);
    }
    if certs.is_empty() && bytes.first() == Some(&0x30) {
        certs.push(CertificateDer::from(bytes));
    }
    if certs.is_empty() {
        return Err(format!(
            "{}={}: no certificate in {} (expected PEM `-----BEGIN CERTIFICATE-----` blocks)",
            file.param,
            file.given,
            shown(&path)
        ));
    }
    Ok(certs)
}

/// `prefer` and `require`: any certificate, but the handshake's signatures are checked with the
/// provider's algorithms, so the session is encrypted to the holder of the certificate's key.
#[derive(Debug)]
struct EncryptOnly {
    algorithms: WebPkiSupportedAlgorithms,
}

impl ServerCertVerifier for EncryptOnly {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

/// `verify-ca`: the full check, less the host name. webpki checks the chain before the name, so a
/// name error means the chain passed.
#[derive(Debug)]
struct ChainOnly {
    inner: Arc<WebPkiServerVerifier>,
}

impl ServerCertVerifier for ChainOnly {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        match self.inner.verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now) {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}

/// The rustls error inside a driver error, if the TLS handshake is what failed.
pub fn find_tls_error<'a>(error: &'a (dyn std::error::Error + 'static)) -> Option<&'a rustls::Error> {
    let mut current = Some(error);
    while let Some(e) = current {
        if let Some(tls) = e.downcast_ref::<rustls::Error>() {
            return Some(tls);
        }
        // tokio-rustls wraps rustls's error in an io::Error, whose `source` skips it.
        if let Some(io) = e.downcast_ref::<std::io::Error>()
            && let Some(tls) = io.get_ref().and_then(|inner| inner.downcast_ref::<rustls::Error>())
        {
            return Some(tls);
        }
        current = e.source();
    }
    None
}

/// `localhost` from webpki's `DnsName("localhost")`.
fn bare_name(presented: &str) -> &str {
    match (presented.find('('), presented.rfind(')')) {
        (Some(open), Some(close)) if open < close => presented[open + 1..close].trim_matches('"'),
        _ => presented,
    }
}

/// What a failed handshake means and what to do, for `host` (`db.example.com:5432`).
pub fn explain(error: &rustls::Error, settings: &TlsSettings, host: &str) -> String {
    let how = settings.describe();
    match error {
        rustls::Error::InvalidCertificate(cert) => match cert {
            CertificateError::UnknownIssuer | CertificateError::BadSignature => {
                let without = match (settings.mode, settings.accept) {
                    (_, Some(SslAccept::Strict)) => {
                        "or use sslaccept=accept_invalid_certs to encrypt without verifying"
                    }
                    (SslMode::Allow | SslMode::Prefer | SslMode::Require, None) if settings.root_given => {
                        "or remove sslrootcert to encrypt without verifying"
                    }
                    _ => "or use sslmode=require to encrypt without verifying",
                };
                match &settings.roots {
                    Roots::File(file) => format!(
                        "the certificate of {host} is not signed by a CA in {}={} ({how}): that file must hold the CA \
                         certificate that signed the server's (your provider's CA bundle), {without}",
                        file.param, file.given
                    ),
                    Roots::System => format!(
                        "the certificate of {host} is not signed by a root the system trusts ({how}): pass \
                         sslrootcert=/path/to/ca.pem (your provider's CA certificate), {without}"
                    ),
                    Roots::FileAndSystem(file) => format!(
                        "the certificate of {host} is not signed by a CA in {}={} nor by a root the system trusts \
                         ({how}): that file must hold the CA certificate that signed the server's, {without}",
                        file.param, file.given
                    ),
                }
            }
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
                let names = match cert {
                    CertificateError::NotValidForNameContext { presented, .. } if !presented.is_empty() => {
                        let presented: Vec<&str> = presented.iter().map(|n| bare_name(n)).collect();
                        format!(" (it names {})", presented.join(", "))
                    }
                    _ => String::new(),
                };
                format!(
                    "the certificate of {host} is not made out to that host name{names} ({how}): connect with a \
                     name the certificate holds, or use sslmode=verify-ca to check the chain without the name"
                )
            }
            CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
                format!("the certificate of {host} has expired ({how}): the server needs a new certificate")
            }
            CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => format!(
                "the certificate of {host} is not valid yet ({how}): check this machine's clock and the server's certificate"
            ),
            other => format!("the certificate of {host} was refused ({how}): {other:?}"),
        },
        rustls::Error::AlertReceived(alert) => {
            let hint = if let Some(client) = &settings.client {
                let params = match client {
                    ClientIdentity::Pem { .. } => "sslcert/sslkey",
                    ClientIdentity::Pkcs12(_) => "sslidentity",
                };
                format!(
                    "the server may not accept the client certificate ({params}): check that its CA is the server's \
                     ssl_ca_file"
                )
            } else {
                "if the server asks for a client certificate, pass sslcert=client.crt&sslkey=client.key (or Prisma's \
                 sslidentity=client.p12)"
                    .to_string()
            };
            format!("{host} ended the TLS handshake ({alert:?}): {hint}")
        }
        other => format!("the TLS handshake with {host} failed ({how}): {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(query: &[(&'static str, &str)]) -> Result<TlsSettings, EngineError> {
        TlsSettings::from_params(query.iter().map(|(k, v)| (*k, v.to_string())), None)
    }

    #[test]
    fn sslmodes_decide_encryption_and_checks() {
        type Case = (&'static [(&'static str, &'static str)], postgres::config::SslMode, Verification);
        let cases: &[Case] = &[
            (&[], postgres::config::SslMode::Prefer, Verification::None),
            (&[("sslmode", "disable")], postgres::config::SslMode::Disable, Verification::None),
            (&[("sslmode", "allow")], postgres::config::SslMode::Prefer, Verification::None),
            (&[("sslmode", "require")], postgres::config::SslMode::Require, Verification::None),
            (
                &[("sslmode", "require"), ("sslrootcert", "ca.pem")],
                postgres::config::SslMode::Require,
                Verification::Chain,
            ),
            (&[("sslmode", "verify-ca")], postgres::config::SslMode::Require, Verification::Chain),
            (&[("sslmode", "verify-full")], postgres::config::SslMode::Require, Verification::Full),
            (&[("sslrootcert", "system")], postgres::config::SslMode::Require, Verification::Full),
            (&[("sslaccept", "strict")], postgres::config::SslMode::Prefer, Verification::Full),
            (
                &[("sslmode", "require"), ("sslcert", "ca.pem"), ("sslaccept", "accept_invalid_certs")],
                postgres::config::SslMode::Require,
                Verification::None,
            ),
            // Prisma's sslcert alone verifies nothing, as in Prisma.
            (&[("sslmode", "require"), ("sslcert", "ca.pem")], postgres::config::SslMode::Require, Verification::None),
        ];
        for (query, driver, verification) in cases {
            let s = settings(query).unwrap();
            assert_eq!((s.driver_mode(), s.verification()), (*driver, *verification), "{query:?}");
        }
    }

    #[test]
    fn wrong_values_are_refused_with_the_choices() {
        let e = settings(&[("sslmode", "verify_full")]).unwrap_err().to_string();
        assert!(e.contains("verify-full"), "{e}");
        let e = settings(&[("sslaccept", "yes")]).unwrap_err().to_string();
        assert!(e.contains("accept_invalid_certs"), "{e}");
        let e = settings(&[("sslmode", "require"), ("sslrootcert", "system")]).unwrap_err().to_string();
        assert!(e.contains("verify-full"), "{e}");
        let e = settings(&[("sslkey", "k.pem")]).unwrap_err().to_string();
        assert!(e.contains("sslcert"), "{e}");
    }

    #[test]
    fn relative_paths_are_looked_up_in_the_base_folder_first() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("ca.pem"), "not a certificate").unwrap();
        let s = TlsSettings::from_params(
            [("sslmode", "verify-ca".to_string()), ("sslrootcert", "ca.pem".to_string())],
            Some(dir.path()),
        )
        .unwrap();
        let e = s.client_config().unwrap_err();
        assert!(e.contains("no certificate in") && e.contains(&dir.path().join("ca.pem").display().to_string()), "{e}");
        let missing = TlsSettings::from_params(
            [("sslmode", "verify-ca".to_string()), ("sslrootcert", "absent.pem".to_string())],
            Some(dir.path()),
        )
        .unwrap();
        let e = missing.client_config().unwrap_err();
        assert!(e.starts_with("sslrootcert=absent.pem: no such file (looked for "), "{e}");
        assert!(e.contains(&dir.path().join("absent.pem").display().to_string()), "{e}");
    }

    #[test]
    fn secrets_stay_out_of_messages_and_debug_output() {
        let s = TlsSettings::from_params(
            [
                ("sslcert", "c.pem".to_string()),
                ("sslkey", "k.pem".to_string()),
                ("sslpassword", "hunter2-identity".to_string()),
            ],
            None,
        )
        .unwrap();
        assert!(!format!("{s:?}").contains("hunter2"));
        let e = s.client_config().unwrap_err();
        assert!(!e.contains("hunter2") && !e.contains("k.pem"), "{e}");
        // sslidentity: neither its path nor its password shows, whatever fails.
        let s = TlsSettings::from_params(
            [("sslidentity", "id.p12".to_string()), ("sslpassword", "hunter2-identity".to_string())],
            None,
        )
        .unwrap();
        let debug = format!("{s:?}");
        assert!(!debug.contains("hunter2") && !debug.contains("id.p12"), "{debug}");
        let e = s.client_config().unwrap_err();
        assert!(e.starts_with("sslidentity: no such file") && !e.contains("hunter2") && !e.contains("id.p12"), "{e}");
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("id.p12"), "not PKCS#12").unwrap();
        let s = TlsSettings::from_params(
            [("sslidentity", "id.p12".to_string()), ("sslpassword", "hunter2-identity".to_string())],
            Some(dir.path()),
        )
        .unwrap();
        let e = s.client_config().unwrap_err();
        assert!(e.starts_with("sslidentity: the file is not PKCS#12"), "{e}");
        assert!(!e.contains("hunter2") && !e.contains("id.p12"), "{e}");
    }

    #[test]
    fn sslidentity_is_the_client_certificate_and_sslcert_the_servers_ca() {
        // Prisma's URL: sslcert names the server's CA beside the identity.
        let s = settings(&[
            ("sslidentity", "id.p12"),
            ("sslpassword", "pw"),
            ("sslcert", "ca.pem"),
            ("sslaccept", "strict"),
        ])
        .unwrap();
        assert!(s.has_client_certificate());
        assert_eq!(s.verification(), Verification::Full);
        assert_eq!(s.roots_description(), "sslcert=ca.pem or the system's trust store");
        // libpq's sslkey and Prisma's sslidentity both name a key: one of them only.
        let e =
            settings(&[("sslidentity", "id.p12"), ("sslcert", "c.pem"), ("sslkey", "k.pem")]).unwrap_err().to_string();
        assert!(e.contains("sslidentity and sslkey") && !e.contains("id.p12") && !e.contains("k.pem"), "{e}");
    }
}
