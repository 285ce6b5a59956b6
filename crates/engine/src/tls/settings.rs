//! The TLS parameters of a database URL (`sslmode`, `sslrootcert`, Prisma's `sslaccept`, ...) read into
//! [`TlsSettings`], and what they decide: the driver's mode and how much of the certificate is checked.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use rustls::ClientConfig;

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

    pub(super) fn read(&self) -> Result<(PathBuf, Vec<u8>), String> {
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

pub(super) fn shown(path: &Path) -> String {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()).display().to_string()
}

/// Where trusted roots come from.
#[derive(Debug, Clone)]
pub(super) enum Roots {
    /// libpq's `sslrootcert=FILE`: that file only.
    File(CertFile),
    /// `sslrootcert=system`, or nothing named: the operating system's store.
    System,
    /// Prisma's `sslcert` (without `sslkey`): that file and the system store.
    FileAndSystem(CertFile),
}

/// A value that never shows in messages or `Debug` output.
#[derive(Clone)]
pub(super) struct Secret(pub(super) String);

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// Where the client certificate and its key come from.
#[derive(Debug, Clone)]
pub(super) enum ClientIdentity {
    /// libpq's `sslcert` and `sslkey`: PEM (or DER) files.
    Pem { cert: CertFile, key: CertFile },
    /// Prisma's `sslidentity`: a PKCS#12 file, its password in `sslpassword`.
    Pkcs12(CertFile),
}

/// The TLS settings of one database URL, and the rustls configuration made from them on first use.
pub struct TlsSettings {
    pub(super) mode: SslMode,
    pub(super) mode_given: bool,
    pub(super) roots: Roots,
    pub(super) root_given: bool,
    pub(super) accept: Option<SslAccept>,
    pub(super) client: Option<ClientIdentity>,
    /// The password of `sslidentity`. An encrypted `sslkey` is refused (refract reads unencrypted PEM
    /// keys only), and says so.
    pub(super) password: Option<Secret>,
    pub(super) config: OnceLock<Arc<ClientConfig>>,
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
