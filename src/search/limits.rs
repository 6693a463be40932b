//! The limits of a query and of a page of hits, and the messages that say how to stay
//! within them.

use tantivy::query::QueryParserError;

use super::{query, SearchOptions, MAX_LIMIT, MAX_OFFSET, MAX_QUERY_BYTES, MAX_QUERY_DEPTH};
use super::{MAX_QUERY_TERMS, QUERY_FIELDS};
use crate::{Error, Result};

/// Refuses a page past [`MAX_LIMIT`] or [`MAX_OFFSET`].
pub(super) fn check_page(options: &SearchOptions) -> Result<()> {
    if options.limit > MAX_LIMIT {
        return Err(Error::Query(format!(
            "a limit of {} hits is too many; the most is {MAX_LIMIT}: lower the limit",
            options.limit
        )));
    }
    if options.offset > MAX_OFFSET {
        return Err(Error::Query(format!(
            "an offset of {} hits is too far; the most is {MAX_OFFSET}: narrow the query",
            options.offset
        )));
    }
    Ok(())
}

/// Refuses queries that are empty, too long or have too many words, with a message that
/// says how to fix them. Anything else is a query: what is not query syntax is text.
pub fn check_query(query: &str) -> Result<()> {
    if query.trim().is_empty() {
        return Err(Error::Query("the query is empty; give one or more words".into()));
    }
    if query.len() > MAX_QUERY_BYTES {
        return Err(Error::Query(format!(
            "the query is {} bytes long; the limit is {MAX_QUERY_BYTES}: shorten it",
            query.len()
        )));
    }
    let terms = query.split_whitespace().count();
    if terms > MAX_QUERY_TERMS {
        return Err(Error::Query(format!(
            "the query has {terms} words; the limit is {MAX_QUERY_TERMS}: shorten it"
        )));
    }
    Ok(())
}

/// Refuses a boolean expression whose parentheses do not pair or nest too deep.
pub(super) fn check_nesting(pieces: &[query::Piece]) -> Result<()> {
    let (mut depth, mut max_depth) = (0i64, 0i64);
    for p in pieces {
        match p.token {
            query::Token::Open => {
                depth += 1;
                max_depth = max_depth.max(depth);
            }
            query::Token::Close => {
                depth -= 1;
                if depth < 0 {
                    return Err(Error::Query("unbalanced parenthesis: a ')' has no '('".into()));
                }
            }
            _ => {}
        }
    }
    if depth != 0 {
        return Err(Error::Query("unbalanced parenthesis: a '(' is not closed".into()));
    }
    if max_depth as usize > MAX_QUERY_DEPTH {
        return Err(Error::Query(format!(
            "parentheses nest {max_depth} deep; the limit is {MAX_QUERY_DEPTH}: simplify the query"
        )));
    }
    Ok(())
}

pub(super) fn explain(query: &str, e: QueryParserError) -> String {
    match e {
        QueryParserError::FieldDoesNotExist(field) => format!(
            "unknown field '{field}' in {query:?}; fields are {}; to search for a word with a colon, quote it",
            QUERY_FIELDS.join(", ")
        ),
        QueryParserError::AllButQueryForbidden => {
            format!("{query:?} only excludes words; add at least one word to search for")
        }
        QueryParserError::SyntaxError(s) => {
            format!("syntax error in {query:?} ({s}); quote special characters or check the operators")
        }
        QueryParserError::FieldNotIndexed(field) => {
            format!("field '{field}' cannot be searched; fields are {}", QUERY_FIELDS.join(", "))
        }
        other => format!("{other} in {query:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_queries_are_refused() {
        assert!(check_query("cyber AND (china OR \"united states\")").is_ok());
        for q in ["", "  ", &"w ".repeat(100_000), &"x".repeat(50_000)] {
            assert!(matches!(check_query(q), Err(Error::Query(_))), "{:.40}", q);
        }
        for q in ["(a AND b", "a OR b)", &format!("{}x OR y{}", "(".repeat(40), ")".repeat(40))] {
            assert!(matches!(check_nesting(&query::lex(q)), Err(Error::Query(_))), "{:.40}", q);
        }
    }
}
