//! Default names for constraints and indexes: Prisma's rules, and PostgreSQL's own for CHECK constraints.

/// PostgreSQL's NAMEDATALEN - 1: longer identifiers are silently truncated by the server.
pub const MAX_IDENTIFIER_BYTES: usize = 63;

/// The longest prefix of `s` that fits in `max` bytes without splitting a character.
pub fn truncate_to_bytes(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Prisma's default name: `{table}_{col1}_{col2}_{suffix}` (or `{table}_{suffix}` without columns).
/// When it would exceed 63 bytes, the part before `_{suffix}` is cut so the whole name is 63 bytes.
pub fn constraint_name(table: &str, columns: &[&str], suffix: &str) -> String {
    let mut stem = String::with_capacity(table.len() + columns.iter().map(|c| c.len() + 1).sum::<usize>());
    stem.push_str(table);
    for c in columns {
        stem.push('_');
        stem.push_str(c);
    }
    let keep = MAX_IDENTIFIER_BYTES - suffix.len() - 1;
    let mut name = truncate_to_bytes(&stem, keep).to_string();
    name.push('_');
    name.push_str(suffix);
    name
}

/// The name PostgreSQL gives a CHECK constraint declared without one: `{table}_{column}_check` when the
/// expression uses exactly one column, `{table}_check` otherwise; `check1`, `check2`, ... when that name is
/// taken. Mirrors `makeObjectName`: the longer of table and column is shortened until the name fits.
pub fn postgres_check_name(table: &str, column: Option<&str>, taken: impl Fn(&str) -> bool) -> String {
    let mut pass = 0;
    loop {
        let label = if pass == 0 { "check".to_string() } else { format!("check{pass}") };
        let name = make_object_name(table, column, &label);
        if !taken(&name) {
            return name;
        }
        pass += 1;
    }
}

/// The sequence PostgreSQL creates for a serial column (`{table}_{column}_seq`, shortened by the same rule).
/// Used to rename or drop it when the column or table changes; a name taken by another relation would make
/// PostgreSQL pick `..._seq1`, which the planner does not anticipate.
pub fn postgres_sequence_name(table: &str, column: &str) -> String {
    make_object_name(table, Some(column), "seq")
}

fn make_object_name(name1: &str, name2: Option<&str>, label: &str) -> String {
    let overhead = label.len() + 1 + usize::from(name2.is_some());
    let avail = MAX_IDENTIFIER_BYTES - overhead;
    let mut n1 = name1.len();
    let mut n2 = name2.map_or(0, str::len);
    while n1 + n2 > avail {
        if n1 > n2 {
            n1 -= 1;
        } else {
            n2 -= 1;
        }
    }
    let mut out = truncate_to_bytes(name1, n1).to_string();
    if let Some(name2) = name2 {
        out.push('_');
        out.push_str(truncate_to_bytes(name2, n2));
    }
    out.push('_');
    out.push_str(label);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_are_joined() {
        assert_eq!(constraint_name("users", &[], "pkey"), "users_pkey");
        assert_eq!(
            constraint_name("basket_assets", &["basketId", "tokenAddress"], "key"),
            "basket_assets_basketId_tokenAddress_key"
        );
    }

    #[test]
    fn long_names_are_cut_before_the_suffix_to_63_bytes() {
        // Checked against Prisma's engine output.
        let n =
            constraint_name("Post", &["aVeryLongColumnNameThatIsReallyVeryLongIndeedYesVeryLong", "another"], "key");
        assert_eq!(n, "Post_aVeryLongColumnNameThatIsReallyVeryLongIndeedYesVeryLo_key");
        assert_eq!(n.len(), 63);
    }

    #[test]
    fn cuts_never_split_a_character() {
        let n = constraint_name(&"é".repeat(40), &[], "idx");
        assert!(n.len() <= 63);
        assert!(n.ends_with("_idx"));
    }

    #[test]
    fn check_names_follow_postgres() {
        assert_eq!(postgres_check_name("Token", Some("decimals"), |_| false), "Token_decimals_check");
        assert_eq!(postgres_check_name("t", None, |n| n == "t_check"), "t_check1");
        let long = postgres_check_name(&"t".repeat(60), Some(&"c".repeat(10)), |_| false);
        assert_eq!(long.len(), 63);
        // Verified against PostgreSQL 15: the longer part (the table) is shortened first.
        assert_eq!(long, format!("{}_{}_check", "t".repeat(46), "c".repeat(10)));
        assert_eq!(
            postgres_check_name(&"t".repeat(60), None, |n| n.ends_with("_check")),
            format!("{}_check1", "t".repeat(56))
        );
    }
}
