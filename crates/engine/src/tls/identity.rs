//! PKCS#12 client identities (Prisma's `sslidentity`): the client certificate, its chain and its
//! private key in one password-protected file, as `openssl pkcs12 -export` writes it.
//!
//! Read with RustCrypto's stable formats crates: `pkcs12` for the structure and its key derivation
//! function, `cms` for the encrypted parts, `pkcs5` for PBES2. What is read:
//!
//! - the integrity check (MAC): HMAC with SHA-1, SHA-224, SHA-256, SHA-384 or SHA-512, its key made
//!   with the PKCS#12 KDF, verified before anything is decrypted;
//! - PBES2 (PBKDF2 with HMAC-SHA-1/224/256/384/512, or scrypt; AES-128/192/256-CBC or DES-EDE3-CBC):
//!   OpenSSL 3's default for both the key and the certificates;
//! - the PKCS#12 PBEs with SHA-1: 3-key and 2-key triple DES (the key under `-legacy` and OpenSSL 1.x),
//!   40-bit and 128-bit RC2 (the certificates under `-legacy` and OpenSSL 1.x);
//! - unencrypted parts (`-certpbe NONE`, `-keypbe NONE`) and nested bags.
//!
//! Not read, each refused by name: RC4, public-key privacy and integrity modes, PBMAC1, BER encodings
//! (indefinite lengths) some non-OpenSSL tools write.
//!
//! Messages name the parameter, never the file's path nor the password.

use cms::content_info::ContentInfo;
use cms::encrypted_data::EncryptedData;
use der::asn1::{Any, ContextSpecific, ObjectIdentifier, OctetString};
use der::{Decode, Encode, Tag, Tagged};
use pkcs12::cert_type::CertBag;
use pkcs12::kdf::{Pkcs12KeyType, derive_key};
use pkcs12::pbe_params::{EncryptedPrivateKeyInfo, Pkcs12PbeParams};
use pkcs12::pfx::Pfx;
use pkcs12::safe_bag::{SafeBag, SafeContents};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use spki::AlgorithmIdentifierOwned;
use zeroize::Zeroizing;

/// The client certificate (first) with the rest of the file's certificates, and the private key.
pub struct Identity {
    pub chain: Vec<CertificateDer<'static>>,
    pub key: PrivateKeyDer<'static>,
}

impl std::fmt::Debug for Identity {
    /// The certificates' count, never the key.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Identity").field("certificates", &self.chain.len()).finish_non_exhaustive()
    }
}

const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const ID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
const ID_ENVELOPED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.3");
const ID_ENCRYPTED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.6");
const X509_CERTIFICATE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.22.1");
const LOCAL_KEY_ID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.21");
const PBES2: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.5.13");
const PBMAC1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.5.14");
const SHA1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.14.3.2.26");
const SHA224: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.4");
const SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
const SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.2");
const SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.3");

/// How to re-export a file refract cannot read into one it can (OpenSSL 3's defaults).
const REEXPORT: &str = "re-export it with OpenSSL 3's defaults: `openssl pkcs12 -in OLD.p12 -nodes -legacy | \
                        openssl pkcs12 -export -out NEW.p12` (openssl asks for the passwords)";

/// More iterations than this (OpenSSL writes 2048, other tools up to some hundred thousands) are a
/// damaged or hostile file, refused rather than computed for minutes.
const MAX_ITERATIONS: i64 = 10_000_000;

/// Nested bags deeper than this are refused (a well-formed file has one level, rarely two).
const MAX_NESTING: usize = 4;

/// The password in the forms PKCS#12 uses: BMPString with a terminating zero for the MAC and the
/// PKCS#12 PBEs, the UTF-8 bytes for PBES2.
struct Password {
    utf8: Zeroizing<Vec<u8>>,
    bmp: Zeroizing<Vec<u8>>,
    /// Whether the URL gave it (else it is the empty password), for the wording of failures.
    given: bool,
}

impl Password {
    fn new(password: &str, given: bool) -> Password {
        let mut bmp = Zeroizing::new(Vec::with_capacity(password.len() * 2 + 2));
        for unit in password.encode_utf16() {
            bmp.extend_from_slice(&unit.to_be_bytes());
        }
        bmp.extend_from_slice(&[0, 0]);
        Password { utf8: Zeroizing::new(password.as_bytes().to_vec()), bmp, given }
    }

    /// OpenSSL's "no password" (`NULL`, as opposed to the empty string): no bytes at all.
    fn absent() -> Password {
        Password { utf8: Zeroizing::new(Vec::new()), bmp: Zeroizing::new(Vec::new()), given: false }
    }
}

/// Why a part did not decrypt.
enum DecryptError {
    /// The padding or the structure inside is wrong: the password, most likely.
    Wrong,
    /// An algorithm refract does not read, by name.
    Unsupported(String),
    /// Parameters that do not parse.
    Malformed(String),
}

/// Reads a PKCS#12 file (DER): the client certificate with its chain, and its private key.
pub fn read(bytes: &[u8], password: Option<&str>) -> Result<Identity, String> {
    let pfx = Pfx::from_der(bytes).map_err(|e| {
        format!(
            "sslidentity: the file is not PKCS#12 ({e}); expected a DER .p12/.pfx file as `openssl pkcs12 -export` \
             writes it"
        )
    })?;
    let auth_safe = match pfx.auth_safe.content_type {
        ID_DATA => octets(&pfx.auth_safe.content).map_err(|e| malformed("its content", e))?,
        ID_SIGNED_DATA => {
            return Err(format!(
                "sslidentity: the file is signed with a public key (PKCS#12 public-key integrity mode), which \
                 refract does not read: {REEXPORT}"
            ));
        }
        other => return Err(format!("sslidentity: the file's content has the unknown type {other}: {REEXPORT}")),
    };

    // The password that the integrity check accepts; without an sslpassword, the empty one (OpenSSL's
    // `-passout pass:`), in both of OpenSSL's spellings.
    let candidates = match password {
        Some(p) => vec![Password::new(p, true)],
        None => vec![Password::new("", false), Password::absent()],
    };
    let password = match &pfx.mac_data {
        Some(mac) => {
            let mut accepted = None;
            for candidate in candidates {
                if mac_matches(mac, &auth_safe, &candidate)? {
                    accepted = Some(candidate);
                    break;
                }
            }
            accepted.ok_or_else(|| match password {
                Some(_) => "sslidentity: wrong sslpassword (the file's integrity check fails with it)".to_string(),
                None => "sslidentity: the file is protected by a password: pass it as sslpassword".to_string(),
            })?
        }
        None => candidates.into_iter().next().expect("one candidate at least"),
    };

    let parts = Vec::<ContentInfo>::from_der(&auth_safe).map_err(|e| malformed("its list of parts", e))?;
    let mut found = Found::default();
    for part in &parts {
        let bags = match part.content_type {
            ID_DATA => {
                let contents = Zeroizing::new(octets(&part.content).map_err(|e| malformed("a part", e))?);
                SafeContents::from_der(&contents).map_err(|e| malformed("a part", e))?
            }
            ID_ENCRYPTED_DATA => {
                let data = part.content.decode_as::<EncryptedData>().map_err(|e| malformed("an encrypted part", e))?;
                let info = &data.enc_content_info;
                let ciphertext = info.encrypted_content.as_ref().map(OctetString::as_bytes).unwrap_or_default();
                let contents = decrypt(&info.content_enc_alg, ciphertext, &password)
                    .map_err(|e| decrypt_error(e, "the certificates", &password))?;
                // A wrong password gets past the padding check once in 256 times, never past this.
                SafeContents::from_der(&contents)
                    .map_err(|_| decrypt_error(DecryptError::Wrong, "the certificates", &password))?
            }
            ID_ENVELOPED_DATA => {
                return Err(format!(
                    "sslidentity: a part of the file is encrypted to a public key (PKCS#12 public-key privacy \
                     mode), which refract does not read: {REEXPORT}"
                ));
            }
            other => return Err(format!("sslidentity: a part of the file has the unknown type {other}: {REEXPORT}")),
        };
        found.collect(&bags, &password, 0)?;
    }
    found.into_identity()
}

/// The bytes of an OCTET STRING held in an `Any`.
fn octets(content: &Any) -> der::Result<Vec<u8>> {
    Ok(content.decode_as::<OctetString>()?.as_bytes().to_vec())
}

fn malformed(what: &str, e: der::Error) -> String {
    format!("sslidentity: the file is not valid PKCS#12 ({what}: {e}); expected a DER .p12/.pfx file")
}

fn wrong_password() -> String {
    "sslidentity: wrong sslpassword, or the file is not PKCS#12".to_string()
}

fn decrypt_error(e: DecryptError, what: &str, password: &Password) -> String {
    match e {
        DecryptError::Wrong if password.given => wrong_password(),
        DecryptError::Wrong => {
            format!("sslidentity: the file encrypts {what} with a password: pass it as sslpassword")
        }
        DecryptError::Unsupported(name) => {
            format!("sslidentity: the file encrypts {what} with {name}, which refract does not read: {REEXPORT}")
        }
        DecryptError::Malformed(why) => {
            format!("sslidentity: the file encrypts {what} with parameters that are not valid ({why})")
        }
    }
}

/// Verifies the file's MAC with `password`: `Ok(false)` when it does not match.
fn mac_matches(mac: &pkcs12::mac_data::MacData, data: &[u8], password: &Password) -> Result<bool, String> {
    let salt = mac.mac_salt.as_bytes();
    let rounds = mac.iterations;
    if !plausible(rounds.into()) {
        return Err(format!(
            "sslidentity: the file's integrity check asks for {rounds} iterations, which no genuine file does"
        ));
    }
    let expected = mac.mac.digest.as_bytes();
    let matches = match mac.mac.algorithm.oid {
        SHA1 => hmac_matches::<sha1::Sha1>(&password.bmp, salt, rounds, data, expected),
        SHA224 => hmac_matches::<sha2_010::Sha224>(&password.bmp, salt, rounds, data, expected),
        SHA256 => hmac_matches::<sha2_010::Sha256>(&password.bmp, salt, rounds, data, expected),
        SHA384 => hmac_matches::<sha2_010::Sha384>(&password.bmp, salt, rounds, data, expected),
        SHA512 => hmac_matches::<sha2_010::Sha512>(&password.bmp, salt, rounds, data, expected),
        other => {
            let name = if other == PBMAC1 { "PBMAC1".to_string() } else { format!("the algorithm {other}") };
            return Err(format!(
                "sslidentity: the file's integrity check uses {name}, which refract does not verify: {REEXPORT}"
            ));
        }
    };
    Ok(matches)
}

fn hmac_matches<D>(password: &[u8], salt: &[u8], rounds: i32, data: &[u8], expected: &[u8]) -> bool
where
    D: sha1::Digest + sha1::digest::FixedOutputReset + sha1::digest::core_api::BlockSizeUser,
{
    use hmac::Mac;
    let key =
        Zeroizing::new(derive_key::<D>(password, salt, Pkcs12KeyType::Mac, rounds, <D as sha1::Digest>::output_size()));
    let Ok(mut mac) = <hmac::SimpleHmac<D> as hmac::digest::KeyInit>::new_from_slice(&key) else {
        return false;
    };
    mac.update(data);
    mac.verify_slice(expected).is_ok()
}

/// Decrypts one encrypted part or key with the algorithm named in the file.
fn decrypt(
    algorithm: &AlgorithmIdentifierOwned,
    ciphertext: &[u8],
    password: &Password,
) -> Result<Zeroizing<Vec<u8>>, DecryptError> {
    let parameters = algorithm
        .parameters
        .as_ref()
        .ok_or_else(|| DecryptError::Malformed(format!("{} without parameters", pbe_name(&algorithm.oid))))?
        .to_der()
        .map_err(|e| DecryptError::Malformed(e.to_string()))?;
    if algorithm.oid == PBES2 {
        let scheme = pkcs5::pbes2::Parameters::from_der(&parameters)
            .map_err(|e| DecryptError::Unsupported(format!("a PBES2 scheme refract does not know ({e})")))?;
        if let Some(pbkdf2) = scheme.kdf.pbkdf2()
            && !plausible(pbkdf2.iteration_count.into())
        {
            return Err(too_many(pbkdf2.iteration_count.into()));
        }
        return scheme.decrypt(&*password.utf8, ciphertext).map(Zeroizing::new).map_err(|e| match e {
            pkcs5::Error::UnsupportedAlgorithm { oid } => DecryptError::Unsupported(format!("PBES2 with {oid}")),
            pkcs5::Error::AlgorithmParametersInvalid { oid } => {
                DecryptError::Malformed(format!("the parameters of {oid}"))
            }
            _ => DecryptError::Wrong,
        });
    }
    let cipher = match algorithm.oid {
        pkcs12::PKCS_12_PBE_WITH_SHAAND3_KEY_TRIPLE_DES_CBC => Pkcs12Cipher::TripleDes3,
        pkcs12::PKCS_12_PBE_WITH_SHAAND2_KEY_TRIPLE_DES_CBC => Pkcs12Cipher::TripleDes2,
        pkcs12::PKCS_12_PBE_WITH_SHAAND128_BIT_RC2_CBC => Pkcs12Cipher::Rc2 { bits: 128 },
        pkcs12::PKCS_12_PBEWITH_SHAAND40_BIT_RC2_CBC => Pkcs12Cipher::Rc2 { bits: 40 },
        other => return Err(DecryptError::Unsupported(pbe_name(&other))),
    };
    let params = Pkcs12PbeParams::from_der(&parameters).map_err(|e| DecryptError::Malformed(e.to_string()))?;
    if !plausible(params.iterations.into()) {
        return Err(too_many(params.iterations.into()));
    }
    let salt = params.salt.as_bytes();
    let key_len = cipher.key_len();
    let key = Zeroizing::new(derive_key::<sha1::Sha1>(
        &password.bmp,
        salt,
        Pkcs12KeyType::EncryptionKey,
        params.iterations,
        key_len,
    ));
    let iv = derive_key::<sha1::Sha1>(&password.bmp, salt, Pkcs12KeyType::Iv, params.iterations, 8);
    let mut buffer = Zeroizing::new(ciphertext.to_vec());
    let len = cipher.decrypt(&key, &iv, &mut buffer).ok_or(DecryptError::Wrong)?;
    buffer.truncate(len);
    Ok(buffer)
}

/// An iteration count a genuine file may have.
fn plausible(iterations: i64) -> bool {
    (1..=MAX_ITERATIONS).contains(&iterations)
}

fn too_many(iterations: i64) -> DecryptError {
    DecryptError::Malformed(format!("{iterations} iterations, which no genuine file asks for"))
}

/// The PKCS#12 password-based encryptions (RFC 7292 appendix C), all with SHA-1 and CBC.
#[derive(Clone, Copy)]
enum Pkcs12Cipher {
    TripleDes3,
    TripleDes2,
    Rc2 { bits: usize },
}

impl Pkcs12Cipher {
    fn key_len(self) -> usize {
        match self {
            Pkcs12Cipher::TripleDes3 => 24,
            Pkcs12Cipher::TripleDes2 => 16,
            Pkcs12Cipher::Rc2 { bits } => bits / 8,
        }
    }

    /// Decrypts `buffer` in place and returns the plaintext's length (`None`: bad padding).
    fn decrypt(self, key: &[u8], iv: &[u8], buffer: &mut [u8]) -> Option<usize> {
        use cbc::cipher::block_padding::Pkcs7;
        use cbc::cipher::{BlockDecryptMut, InnerIvInit, KeyIvInit};
        let plain = match self {
            Pkcs12Cipher::TripleDes3 => {
                cbc::Decryptor::<des::TdesEde3>::new_from_slices(key, iv).ok()?.decrypt_padded_mut::<Pkcs7>(buffer)
            }
            Pkcs12Cipher::TripleDes2 => {
                cbc::Decryptor::<des::TdesEde2>::new_from_slices(key, iv).ok()?.decrypt_padded_mut::<Pkcs7>(buffer)
            }
            Pkcs12Cipher::Rc2 { bits } => {
                let rc2 = rc2::Rc2::new_with_eff_key_len(key, bits);
                cbc::Decryptor::inner_iv_slice_init(rc2, iv).ok()?.decrypt_padded_mut::<Pkcs7>(buffer)
            }
        };
        plain.ok().map(<[u8]>::len)
    }
}

/// An encryption algorithm's name, for messages.
fn pbe_name(oid: &ObjectIdentifier) -> String {
    match oid.to_string().as_str() {
        "1.2.840.113549.1.12.1.1" => "pbeWithSHAAnd128BitRC4".into(),
        "1.2.840.113549.1.12.1.2" => "pbeWithSHAAnd40BitRC4".into(),
        "1.2.840.113549.1.12.1.3" => "pbeWithSHAAnd3-KeyTripleDES-CBC".into(),
        "1.2.840.113549.1.12.1.4" => "pbeWithSHAAnd2-KeyTripleDES-CBC".into(),
        "1.2.840.113549.1.12.1.5" => "pbeWithSHAAnd128BitRC2-CBC".into(),
        "1.2.840.113549.1.12.1.6" => "pbeWithSHAAnd40BitRC2-CBC".into(),
        "1.2.840.113549.1.5.3" => "pbeWithMD5AndDES-CBC (PBES1)".into(),
        "1.2.840.113549.1.5.10" => "pbeWithSHA1AndDES-CBC (PBES1)".into(),
        "1.2.840.113549.1.5.13" => "PBES2".into(),
        other => format!("the algorithm {other}"),
    }
}

/// The keys and certificates met so far, with their `localKeyId` attributes.
#[derive(Default)]
struct Found {
    keys: Vec<(PrivatePkcs8KeyDer<'static>, Option<Vec<u8>>)>,
    certs: Vec<(CertificateDer<'static>, Option<Vec<u8>>)>,
}

impl Found {
    fn collect(&mut self, bags: &[SafeBag], password: &Password, depth: usize) -> Result<(), String> {
        for bag in bags {
            let id = local_key_id(bag);
            match bag.bag_id {
                pkcs12::PKCS_12_PKCS8_KEY_BAG_OID => {
                    let shrouded = ContextSpecific::<EncryptedPrivateKeyInfo>::from_der(&bag.bag_value)
                        .map_err(|e| malformed("a key", e))?
                        .value;
                    let plain = decrypt(&shrouded.encryption_algorithm, shrouded.encrypted_data.as_bytes(), password)
                        .map_err(|e| decrypt_error(e, "the private key", password))?;
                    if !is_sequence(&plain) {
                        return Err(decrypt_error(DecryptError::Wrong, "the private key", password));
                    }
                    self.keys.push((PrivatePkcs8KeyDer::from(plain.to_vec()), id));
                }
                pkcs12::PKCS_12_KEY_BAG_OID => {
                    let key = ContextSpecific::<Any>::from_der(&bag.bag_value)
                        .and_then(|c| c.value.to_der())
                        .map_err(|e| malformed("a key", e))?;
                    self.keys.push((PrivatePkcs8KeyDer::from(key), id));
                }
                pkcs12::PKCS_12_CERT_BAG_OID => {
                    let cert = ContextSpecific::<CertBag>::from_der(&bag.bag_value)
                        .map_err(|e| malformed("a certificate", e))?
                        .value;
                    // SDSI certificates (the only other kind) are of no use to TLS.
                    if cert.cert_id == X509_CERTIFICATE {
                        self.certs.push((CertificateDer::from(cert.cert_value.as_bytes().to_vec()), id));
                    }
                }
                pkcs12::PKCS_12_SAFE_CONTENTS_BAG_OID if depth < MAX_NESTING => {
                    let nested = ContextSpecific::<SafeContents>::from_der(&bag.bag_value)
                        .map_err(|e| malformed("nested bags", e))?
                        .value;
                    self.collect(&nested, password, depth + 1)?;
                }
                // CRLs, secrets, deeper nesting: nothing a client certificate needs.
                _ => {}
            }
        }
        Ok(())
    }

    /// The first key, and the certificate that goes with it (by `localKeyId`, else by public key)
    /// first in the chain.
    fn into_identity(self) -> Result<Identity, String> {
        let Some((key, key_id)) = self.keys.into_iter().next() else {
            return Err("sslidentity: the file holds no private key: export it with the key \
                        (`openssl pkcs12 -export -inkey client.key -in client.crt -out client.p12`)"
                .to_string());
        };
        if self.certs.is_empty() {
            return Err("sslidentity: the file holds no certificate: export it with the client certificate \
                        (`openssl pkcs12 -export -inkey client.key -in client.crt -out client.p12`)"
                .to_string());
        }
        let key = PrivateKeyDer::Pkcs8(key);
        let by_id =
            key_id.as_ref().and_then(|id| self.certs.iter().position(|(_, cert_id)| cert_id.as_ref() == Some(id)));
        let leaf = by_id.or_else(|| position_of_key(&self.certs, &key)).unwrap_or(0);
        let mut certs: Vec<CertificateDer<'static>> = self.certs.into_iter().map(|(cert, _)| cert).collect();
        let leaf = certs.remove(leaf);
        certs.insert(0, leaf);
        Ok(Identity { chain: certs, key })
    }
}

/// The certificate whose public key is the key's, if the key can say what its public key is.
fn position_of_key(
    certs: &[(CertificateDer<'static>, Option<Vec<u8>>)],
    key: &PrivateKeyDer<'static>,
) -> Option<usize> {
    let provider = rustls::crypto::ring::default_provider();
    let signing = provider.key_provider.load_private_key(key.clone_key()).ok()?;
    certs
        .iter()
        .position(|(cert, _)| rustls::sign::CertifiedKey::new(vec![cert.clone()], signing.clone()).keys_match().is_ok())
}

/// The `localKeyId` attribute that ties a certificate to its key.
fn local_key_id(bag: &SafeBag) -> Option<Vec<u8>> {
    let attributes = bag.bag_attributes.as_ref()?;
    let attribute = attributes.iter().find(|a| a.oid == LOCAL_KEY_ID)?;
    attribute.values.iter().next().map(|v| v.value().to_vec())
}

/// Whether `bytes` is one DER SEQUENCE (a PKCS#8 key), which a wrong password's output almost never is.
fn is_sequence(bytes: &[u8]) -> bool {
    Any::from_der(bytes).is_ok_and(|any| any.tag() == Tag::Sequence)
}

#[cfg(test)]
mod tests {
    //! Fixtures are made at test time: certificates with rcgen, PKCS#12 files with the `openssl`
    //! program (the cases that need it are skipped, saying so, when it is absent).

    use std::path::Path;
    use std::process::Command;

    use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};

    use super::*;

    /// A CA, and a leaf it signed with the leaf's key, all PEM.
    struct Material {
        ca: String,
        leaf: String,
        key: String,
    }

    fn material() -> Material {
        let ca_key = KeyPair::generate().unwrap();
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
        ca_params.distinguished_name.push(DnType::CommonName, "identity test CA");
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        let ca = ca_params.self_signed(&ca_key).unwrap();
        let issuer = Issuer::new(ca_params, ca_key);
        let key = KeyPair::generate().unwrap();
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.distinguished_name.push(DnType::CommonName, "identity test client");
        let leaf = params.signed_by(&key, &issuer).unwrap();
        Material { ca: ca.pem(), leaf: leaf.pem(), key: key.serialize_pem() }
    }

    fn der_of(pem: &str) -> CertificateDer<'static> {
        use rustls::pki_types::pem::PemObject;
        CertificateDer::from_pem_slice(pem.as_bytes()).unwrap()
    }

    fn key_der_of(pem: &str) -> Vec<u8> {
        use rustls::pki_types::pem::PemObject;
        PrivatePkcs8KeyDer::from_pem_slice(pem.as_bytes()).unwrap().secret_pkcs8_der().to_vec()
    }

    fn has_openssl() -> bool {
        Command::new("openssl").arg("version").output().is_ok_and(|o| o.status.success())
    }

    /// `openssl pkcs12 -export` in `dir` with `args`; `None` (and a note) when this openssl cannot.
    fn export(dir: &Path, args: &[&str]) -> Option<Vec<u8>> {
        let out = Command::new("openssl")
            .args(["pkcs12", "-export", "-inkey", "client.key", "-in", "client.crt", "-out", "id.p12"])
            .args(args)
            .current_dir(dir)
            .output()
            .unwrap();
        if !out.status.success() {
            eprintln!("skipped openssl pkcs12 -export {args:?}: {}", String::from_utf8_lossy(&out.stderr));
            return None;
        }
        Some(std::fs::read(dir.join("id.p12")).unwrap())
    }

    fn key_bytes(key: &PrivateKeyDer<'_>) -> Vec<u8> {
        key.secret_der().to_vec()
    }

    #[test]
    fn reads_what_openssl_writes() {
        if !has_openssl() {
            eprintln!("skipped: no openssl program");
            return;
        }
        let m = material();
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("client.key"), &m.key).unwrap();
        std::fs::write(dir.path().join("client.crt"), &m.leaf).unwrap();
        std::fs::write(dir.path().join("ca.crt"), &m.ca).unwrap();
        let (leaf, ca, key) = (der_of(&m.leaf), der_of(&m.ca), key_der_of(&m.key));

        let secret = "pkcs12-unit-secret";
        let pass = format!("pass:{secret}");
        let cases: &[(&str, &[&str])] = &[
            ("OpenSSL 3's default (PBES2, AES-256-CBC, MAC SHA-256)", &[]),
            ("-legacy (3DES key, RC2-40 certificates, MAC SHA-1)", &["-legacy"]),
            (
                "2-key 3DES key, RC2-128 certificates",
                &["-legacy", "-keypbe", "PBE-SHA1-2DES", "-certpbe", "PBE-SHA1-RC2-128"],
            ),
            (
                "PBES2 with AES-128 and DES-EDE3, MAC SHA-1",
                &["-keypbe", "AES-128-CBC", "-certpbe", "DES-EDE3-CBC", "-macalg", "sha1"],
            ),
            ("unencrypted bags", &["-keypbe", "NONE", "-certpbe", "NONE"]),
            ("no MAC", &["-nomac"]),
        ];
        for (what, args) in cases {
            let mut args = args.to_vec();
            args.extend(["-passout", &pass]);
            let Some(bytes) = export(dir.path(), &args) else { continue };
            let identity = read(&bytes, Some(secret)).unwrap_or_else(|e| panic!("{what}: {e}"));
            assert_eq!(identity.chain, vec![leaf.clone()], "{what}");
            assert_eq!(key_bytes(&identity.key), key, "{what}");

            let e = read(&bytes, Some("not-the-password")).unwrap_err();
            assert!(e.starts_with("sslidentity: wrong sslpassword"), "{what}: {e}");
            assert!(!e.contains("not-the-password") && !e.contains(secret), "{what}: {e}");
            let e = read(&bytes, None).unwrap_err();
            assert!(e.contains("pass it as sslpassword"), "{what}: {e}");
        }

        // The chain: the client certificate first, whatever the order in the file.
        let with_chain = export(dir.path(), &["-certfile", "ca.crt", "-passout", &pass]).unwrap();
        let identity = read(&with_chain, Some(secret)).unwrap();
        assert_eq!(identity.chain, vec![leaf.clone(), ca.clone()]);
        assert!(!format!("{identity:?}").contains("PRIVATE"));

        // An empty password (`-passout pass:`), with sslpassword empty or absent.
        let empty = export(dir.path(), &["-passout", "pass:"]).unwrap();
        for password in [None, Some("")] {
            let identity = read(&empty, password).unwrap_or_else(|e| panic!("{password:?}: {e}"));
            assert_eq!(identity.chain, vec![leaf.clone()]);
        }

        // RC4 is refused by name, with the way to re-export.
        if let Some(rc4) = export(dir.path(), &["-legacy", "-keypbe", "PBE-SHA1-RC4-128", "-passout", &pass]) {
            let e = read(&rc4, Some(secret)).unwrap_err();
            assert!(e.contains("pbeWithSHAAnd128BitRC4") && e.contains("openssl pkcs12 -export"), "{e}");
        }
        // The certificates alone: no key.
        let out = Command::new("openssl")
            .args(["pkcs12", "-export", "-nokeys", "-in", "client.crt", "-out", "certs.p12", "-passout", &pass])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let e = read(&std::fs::read(dir.path().join("certs.p12")).unwrap(), Some(secret)).unwrap_err();
        assert!(e.contains("holds no private key"), "{e}");
    }

    #[test]
    fn other_files_are_not_pkcs12() {
        let m = material();
        for bytes in [m.leaf.as_bytes(), &der_of(&m.leaf), b"", &[0x30, 0x03, 0x02, 0x01, 0x03]] {
            let e = read(bytes, Some("x")).unwrap_err();
            assert!(e.starts_with("sslidentity: the file is not"), "{e}");
        }
    }

    #[test]
    fn without_local_key_ids_the_certificate_of_the_key_comes_first() {
        let m = material();
        let found = Found {
            keys: vec![(PrivatePkcs8KeyDer::from(key_der_of(&m.key)), None)],
            certs: vec![(der_of(&m.ca), None), (der_of(&m.leaf), None)],
        };
        let identity = found.into_identity().unwrap();
        assert_eq!(identity.chain, vec![der_of(&m.leaf), der_of(&m.ca)]);
    }
}
