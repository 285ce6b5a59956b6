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

mod config;
mod explain;
mod identity;
mod settings;
mod verify;

pub use explain::{explain, find_tls_error};
pub use settings::{CertFile, SslAccept, SslMode, TLS_PARAMS, TlsSettings, Verification};
