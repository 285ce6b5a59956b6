//! A database URL as the user wrote it, parsed once (by the `url` crate, as Prisma's own engine parses
//! it) into the value every later step reads: the Accelerate check (`scheme`), the pooler check
//! (`hosts`, `query`), the driver's configuration ([`crate::DatabaseUrl`]), the redacted text in
//! messages and the same server's other databases (`with_database`).
//!
//! One thing the `url` crate does not take is libpq's host list (`postgres://u@h1:5432,h2:5433/db`,
//! which tokio-postgres connects to in order): `h1:5432,h2` is no port. The list is lifted out before
//! parsing (the URL is parsed with one placeholder host) and put back wherever the URL is written out.
//!
//! Query values are percent-decoded, not form-decoded: a `+` stays a `+`, as the driver reads it.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use url::{Position, Url};

/// The host that stands for a libpq host list while the `url` crate parses the rest.
const HOST_LIST_PLACEHOLDER: &str = "refract-host-list.invalid";

/// What a value set by [`ConnectionString::with_param`] keeps as it is (PostgreSQL names are mostly
/// letters, digits and `_`); everything else is percent-encoded.
const PARAM_VALUE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'_').remove(b'-').remove(b'.');

/// Query parameters whose values are secrets or say where one lives: redacted in messages.
const SECRET_PARAMS: &[&str] = &["password", "sslpassword", "sslkey", "sslidentity"];

#[derive(Clone)]
pub struct ConnectionString {
    url: Url,
    /// libpq's comma-separated host list, as written (`None` for one host or none).
    host_list: Option<String>,
}

impl ConnectionString {
    /// The URL parsed; the error says what is wrong without repeating the URL (it may hold a password).
    pub fn parse(text: &str) -> Result<ConnectionString, String> {
        let (lifted, host_list) = lift_host_list(text.trim());
        let url = Url::parse(&lifted).map_err(|e| match e {
            // libpq's `host=... dbname=...` form, or a bare host name: Prisma takes URLs only.
            url::ParseError::RelativeUrlWithoutBase => {
                "not a URL: write it as postgresql://user:password@host:port/database, as Prisma does".to_string()
            }
            e => e.to_string(),
        })?;
        if url.cannot_be_a_base() {
            return Err("not a URL of the form scheme://user:password@host:port/database".to_string());
        }
        Ok(ConnectionString { url, host_list })
    }

    /// `postgresql`, `postgres`, `prisma`, ...
    pub fn scheme(&self) -> &str {
        self.url.scheme()
    }

    /// The query string's parameters in order: the name as written and the value percent-decoded.
    pub fn query(&self) -> impl Iterator<Item = (&str, String)> {
        self.raw_query().map(|(key, value)| (key, decode(value)))
    }

    /// The hosts, in lower case, each with its port when the URL gives one.
    pub fn hosts(&self) -> Vec<(String, Option<u16>)> {
        match &self.host_list {
            Some(list) => list
                .split(',')
                .map(|entry| {
                    let entry = entry.to_ascii_lowercase();
                    match entry.rsplit_once(':') {
                        Some((host, port)) if !host.ends_with(':') && port.bytes().all(|b| b.is_ascii_digit()) => {
                            (host.to_string(), port.parse().ok())
                        }
                        _ => (entry, None),
                    }
                })
                .collect(),
            None => {
                self.url.host_str().map(|host| vec![(host.to_ascii_lowercase(), self.url.port())]).unwrap_or_default()
            }
        }
    }

    /// The URL as written (with its password): what the driver and programs refract starts receive.
    pub fn text(&self) -> String {
        self.written(&self.url)
    }

    /// The URL without its secrets (the password, and the values of `password=`, `sslpassword=`,
    /// `sslkey=` and `sslidentity=`), for messages.
    pub fn redacted(&self) -> String {
        let mut url = self.url.clone();
        if url.password().is_some() {
            // Fails only for URLs without a host, which have no password to hide.
            let _ = url.set_password(Some("***"));
        }
        if url.query().is_some() {
            let pairs: Vec<String> = self
                .raw_query()
                .map(|(key, value)| match value {
                    Some(_) if SECRET_PARAMS.contains(&key) => format!("{key}=***"),
                    Some(value) => format!("{key}={value}"),
                    None => key.to_string(),
                })
                .collect();
            url.set_query(Some(&pairs.join("&")));
        }
        self.written(&url)
    }

    /// The same URL naming another database (the path); the query string is kept.
    pub fn with_database(&self, database: &str) -> ConnectionString {
        let mut url = self.url.clone();
        url.set_path(&format!("/{database}"));
        ConnectionString { url, host_list: self.host_list.clone() }
    }

    /// The same URL with query parameter `key` set to `value` (percent-encoded), in place of any it had.
    pub fn with_param(&self, key: &str, value: &str) -> ConnectionString {
        let mut pairs: Vec<String> = self
            .raw_query()
            .filter(|(name, _)| *name != key)
            .map(|(name, value)| value.map_or_else(|| name.to_string(), |value| format!("{name}={value}")))
            .collect();
        pairs.push(format!("{key}={}", utf8_percent_encode(value, PARAM_VALUE)));
        let mut url = self.url.clone();
        url.set_query(Some(&pairs.join("&")));
        ConnectionString { url, host_list: self.host_list.clone() }
    }

    /// The URL with only the query parameters `keep` accepts (by name), as the driver is to read it.
    pub fn keeping_params(&self, keep: impl Fn(&str) -> bool) -> String {
        let kept: Vec<String> = self
            .raw_query()
            .filter(|(key, _)| keep(key))
            .map(|(key, value)| value.map_or_else(|| key.to_string(), |value| format!("{key}={value}")))
            .collect();
        let mut url = self.url.clone();
        url.set_query((!kept.is_empty()).then(|| kept.join("&")).as_deref());
        self.written(&url)
    }

    /// The raw `name=value` pairs of the query string (`value` still percent-encoded).
    fn raw_query(&self) -> impl Iterator<Item = (&str, Option<&str>)> {
        self.url.query().unwrap_or_default().split('&').filter(|pair| !pair.is_empty()).map(|pair| {
            match pair.split_once('=') {
                Some((key, value)) => (key, Some(value)),
                None => (pair, None),
            }
        })
    }

    /// `url` written out, with the host list back in place of its placeholder.
    fn written(&self, url: &Url) -> String {
        match &self.host_list {
            Some(list) => format!("{}{list}{}", &url[..Position::BeforeHost], &url[Position::AfterPort..]),
            None => url.to_string(),
        }
    }
}

fn decode(value: Option<&str>) -> String {
    percent_decode_str(value.unwrap_or_default()).decode_utf8_lossy().into_owned()
}

/// `text` with a libpq host list (a comma in the authority's host part) replaced by one placeholder
/// host, and the list as written.
fn lift_host_list(text: &str) -> (String, Option<String>) {
    let Some(scheme_end) = text.find("://").map(|i| i + 3) else { return (text.to_string(), None) };
    let authority_end = text[scheme_end..].find(['/', '?', '#']).map_or(text.len(), |i| scheme_end + i);
    let hosts_start = text[scheme_end..authority_end].rfind('@').map_or(scheme_end, |i| scheme_end + i + 1);
    let hosts = &text[hosts_start..authority_end];
    if !hosts.contains(',') {
        return (text.to_string(), None);
    }
    let lifted = format!("{}{HOST_LIST_PLACEHOLDER}{}", &text[..hosts_start], &text[authority_end..]);
    (lifted, Some(hosts.to_string()))
}

#[cfg(test)]
mod tests {
    use super::ConnectionString;

    fn parse(text: &str) -> ConnectionString {
        ConnectionString::parse(text).unwrap()
    }

    #[test]
    fn urls_are_written_back_as_given() {
        for text in [
            "postgresql://app:secret@db:6543/shop?schema=sales%20v2&connection_limit=5",
            "postgres://u:p+q%40@[::1]:6000,db2/x?connect_timeout=0",
            "postgres:///postgres?host=/tmp/pg&port=5433&user=postgres",
            "postgresql://%2Fvar%2Frun%2Fpostgresql/db",
            "prisma://accelerate.prisma-data.net/?api_key=x",
        ] {
            assert_eq!(parse(text).text(), text);
        }
    }

    #[test]
    fn host_lists_are_kept() {
        let url = parse("postgres://u:pw@h1:5432,H2:5433,h3/db?sslmode=require");
        assert_eq!(
            url.hosts(),
            [("h1".to_string(), Some(5432)), ("h2".to_string(), Some(5433)), ("h3".to_string(), None)]
        );
        assert_eq!(url.redacted(), "postgres://u:***@h1:5432,H2:5433,h3/db?sslmode=require");
        assert_eq!(url.with_database("other").text(), "postgres://u:pw@h1:5432,H2:5433,h3/other?sslmode=require");
        assert_eq!(parse("postgres://u@[::1]:6000,db2/x").hosts()[0], ("[::1]".to_string(), Some(6000)));
    }

    #[test]
    fn secrets_are_redacted_and_values_decoded() {
        let url = parse("postgres://app:p%40ss@db/x?password=pw&sslkey=k.pem&schema=a%20b+c&flag");
        assert_eq!(url.redacted(), "postgres://app:***@db/x?password=***&sslkey=***&schema=a%20b+c&flag");
        let query: Vec<_> = url.query().collect();
        assert_eq!(query[2], ("schema", "a b+c".to_string()));
        assert_eq!(query[3], ("flag", String::new()));
        assert_eq!(url.keeping_params(|key| key == "password"), "postgres://app:p%40ss@db/x?password=pw");
        assert_eq!(url.keeping_params(|_| false), "postgres://app:p%40ss@db/x");
    }

    #[test]
    fn a_parameter_replaces_the_urls_own() {
        assert_eq!(parse("postgresql://a@h/db").with_param("schema", "t 1").text(), "postgresql://a@h/db?schema=t%201");
        assert_eq!(
            parse("postgresql://a@h1,h2/db?schema=x&sslmode=require").with_param("schema", "t").text(),
            "postgresql://a@h1,h2/db?sslmode=require&schema=t"
        );
    }

    #[test]
    fn what_is_not_a_url_is_refused_without_repeating_it() {
        let error = ConnectionString::parse("postgres://u:secret@host:port/db").err().unwrap();
        assert!(!error.contains("secret"), "{error}");
        let error = ConnectionString::parse("host=localhost dbname=x").err().unwrap();
        assert!(error.contains("postgresql://user:password@host:port/database"), "{error}");
        assert!(ConnectionString::parse("mailto:someone").is_err());
    }
}
