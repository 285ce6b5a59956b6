//! A failed TLS handshake explained: what it means for the settings used, and the way out.

use rustls::CertificateError;

use super::settings::{ClientIdentity, Roots, SslAccept, SslMode, TlsSettings};

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
