//! The rustls client configuration of a [`TlsSettings`]: the verifier its checks call for, the trusted
//! roots and the client certificate, read from their files on first use.

use std::sync::Arc;

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::ServerCertVerifier;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::{ClientConfig, RootCertStore};

use super::identity;
use super::settings::{CertFile, ClientIdentity, Roots, TlsSettings, Verification, shown};
use super::verify::{ChainOnly, EncryptOnly};

impl TlsSettings {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
