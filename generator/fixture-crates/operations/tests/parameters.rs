//! Parameters read from raw text: every type and location, every violation with the
//! parameter's name as target, and the same parameters written back for the client.

use fixture_operations::operations::{GetItemParams, GetPathParams, GetRunParams, ListItemParams, OperationParams, UpdateItemParams};
use fixture_operations::operations::RawParams;
use fixture_operations::{GetRunRetry, ListItemConsistencyLevel, Mode, RunId};

mod common;

use common::{v, violations};

fn query(pairs: &[(&str, &str)]) -> RawParams {
    RawParams {
        query: pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
        ..RawParams::default()
    }
}

#[test]
fn query_and_header_parameters_of_every_type_parse() {
    let mut raw = query(&[
        ("$top", "10"),
        ("$filter", "name eq 'a'"),
        ("$orderby", "name,size"),
        ("tag", "red"),
        ("tag", "blue"),
        ("$count", "true"),
        ("mode", "fast"),
    ]);
    raw.headers.push(("consistencylevel".into(), "eventual".into()));
    let params = ListItemParams::from_raw(&raw).unwrap();
    assert_eq!(
        params,
        ListItemParams {
            top: Some(10),
            filter: Some("name eq 'a'".into()),
            orderby: Some(vec!["name".into(), "size".into()]),
            tag: Some(vec!["red".into(), "blue".into()]),
            count: Some(true),
            mode: Some(Mode::Fast),
            consistency_level: Some(ListItemConsistencyLevel::Eventual),
            ids: None,
            words: None,
            session: None,
            views: None,
        }
    );
    assert_eq!(
        params.query(),
        vec![
            ("$top", "10".to_owned()),
            ("$filter", "name eq 'a'".to_owned()),
            ("$orderby", "name,size".to_owned()),
            ("tag", "red".to_owned()),
            ("tag", "blue".to_owned()),
            ("$count", "true".to_owned()),
            ("mode", "fast".to_owned()),
        ]
    );
    assert_eq!(params.headers(), vec![("ConsistencyLevel", "eventual".to_owned())]);
    assert_eq!(ListItemParams::from_raw(&RawParams::default()).unwrap(), ListItemParams::default());
}

#[test]
fn every_bad_parameter_is_reported_at_once() {
    let mut raw = query(&[
        ("$top", "ten"),
        ("$filter", "a very long filter text"),
        ("$orderby", "name,name"),
        ("tag", "a"),
        ("tag", "b"),
        ("tag", "c"),
        ("tag", "d"),
        ("$count", "yes"),
        ("mode", "slow"),
    ]);
    raw.headers.push(("ConsistencyLevel".into(), "strong".into()));
    assert_eq!(
        violations(ListItemParams::from_raw(&raw)),
        vec![
            v("$top", "invalidType", "expected an int64 number, got the string \"ten\""),
            v("$filter", "tooLong", "expected at most 20 characters, got 23"),
            v("$orderby", "duplicateItems", "expected unique items, but items 0 and 1 are equal"),
            v("tag", "tooManyItems", "expected at most 3 items, got 4"),
            v("$count", "invalidType", "expected a boolean, got the string \"yes\""),
            v("mode", "invalidEnumValue", "expected one of fast, thorough, got the string \"slow\""),
            v("ConsistencyLevel", "invalidEnumValue", "expected one of eventual, got the string \"strong\""),
        ]
    );
    assert_eq!(
        violations(ListItemParams::from_raw(&query(&[("$top", "101")]))),
        vec![v("$top", "outOfRange", "expected a number at most 100, got 101")]
    );
}

#[test]
fn path_and_required_header_parameters() {
    let path = |id: &str| RawParams {
        path: vec![("item-id".into(), id.into())],
        ..RawParams::default()
    };
    assert_eq!(GetItemParams::from_raw(&path("42")).unwrap().item_id, 42);
    assert_eq!(
        violations(GetItemParams::from_raw(&path("abc"))),
        vec![v("item-id", "invalidType", "expected an int64 number, got the string \"abc\"")]
    );
    assert_eq!(
        violations(GetItemParams::from_raw(&path("0"))),
        vec![v("item-id", "outOfRange", "expected a number at least 1, got 0")]
    );
    assert_eq!(
        violations(UpdateItemParams::from_raw(&path("7"))),
        vec![v("If-Match", "missingParameter", "the required header parameter 'If-Match' is missing")]
    );
    assert_eq!(GetItemParams { item_id: 42 }.path(), "/items/42");
}

#[test]
fn an_empty_comma_separated_array_is_the_empty_array_both_ways() {
    let params = ListItemParams::from_raw(&query(&[("$orderby", "")])).unwrap();
    assert_eq!(params.orderby, Some(vec![]));
    assert_eq!(params.query(), vec![("$orderby", String::new())]);
    let params = ListItemParams::from_raw(&query(&[("$orderby", "name,")])).unwrap();
    assert_eq!(params.orderby, Some(vec!["name".to_owned(), String::new()]), "only the whole text empty is the empty array");
}

#[test]
fn cookie_parameters_parse_are_checked_and_are_written_back() {
    let cookies = |pairs: &[(&str, &str)]| RawParams {
        cookies: pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
        ..RawParams::default()
    };
    let params = ListItemParams::from_raw(&cookies(&[("session", "abc"), ("views", "fast,thorough")])).unwrap();
    assert_eq!((params.session.as_deref(), params.views.clone()), (Some("abc"), Some(vec![Mode::Fast, Mode::Thorough])));
    assert_eq!(params.cookies(), vec![("session", "abc".to_owned()), ("views", "fast,thorough".to_owned())]);
    assert_eq!(
        violations(ListItemParams::from_raw(&cookies(&[("session", "ab"), ("views", "fast,slow")]))),
        [
            v("session", "tooShort", "expected at least 3 characters, got 2"),
            v("views/1", "invalidEnumValue", "expected one of fast, thorough, got the string \"slow\""),
        ]
    );
}

#[test]
fn a_parameter_that_takes_one_value_sent_twice_is_refused() {
    let raw = query(&[("$top", "1"), ("$top", "2"), ("$orderby", "name"), ("$orderby", "size"), ("tag", "a"), ("tag", "b")]);
    assert_eq!(
        violations(ListItemParams::from_raw(&raw)),
        [
            v("$top", "duplicateParameter", "the query parameter '$top' is sent 2 times; it takes one value"),
            v("$orderby", "duplicateParameter", "the query parameter '$orderby' is sent 2 times; it takes one value"),
        ],
        "an exploded array takes one value per pair"
    );
}

#[test]
fn space_and_pipe_delimited_arrays_split_on_their_delimiter() {
    let params = ListItemParams::from_raw(&query(&[("ids", "1|22|333"), ("words", "a b,c")])).unwrap();
    assert_eq!((params.ids.clone(), params.words.clone()), (Some(vec![1, 22, 333]), Some(vec!["a".to_owned(), "b,c".to_owned()])));
    assert_eq!(params.query(), vec![("ids", "1|22|333".to_owned()), ("words", "a b,c".to_owned())]);
    assert_eq!(
        violations(ListItemParams::from_raw(&query(&[("ids", "1,2|x")]))),
        [
            v("ids/0", "invalidType", "expected an int64 number, got the string \"1,2\""),
            v("ids/1", "invalidType", "expected an int64 number, got the string \"x\""),
        ]
    );
}

#[test]
fn a_union_of_a_boolean_and_an_integer_reads_the_text_as_either() {
    let read = |run: &str, retry: &str| {
        let mut raw = query(&[("retry", retry)]);
        raw.path.push(("run-id".into(), run.into()));
        GetRunParams::from_raw(&raw)
    };
    let params = read("ci.yml", "true").unwrap();
    assert_eq!((params.run_id, params.retry), (RunId::String("ci.yml".into()), Some(GetRunRetry::Boolean(true))));
    let params = read("12", "3").unwrap();
    assert_eq!((&params.run_id, &params.retry), (&RunId::Integer(12), &Some(GetRunRetry::Integer(3))));
    assert_eq!(params.path(), "/runs/12");
    assert_eq!(params.query(), vec![("retry", "3".to_owned())]);
    assert_eq!(
        violations(read("a b", "maybe")),
        vec![
            v("retry", "noAlternativeMatches", "expected one of Boolean, Integer, but the value matches none; closest is Boolean:"),
            v("retry", "invalidType", "expected a boolean, got the string \"maybe\""),
        ]
    );
    let params = GetRunParams { run_id: RunId::String("a b/c".into()), since: None, hint: None, marks: None, retry: None };
    assert_eq!(params.path(), "/runs/a%20b%2Fc");
}

/// Kubernetes' proxies take a path parameter `path` and a query parameter `path`: each value
/// reaches its own field, and the serde form keeps them apart by location.
#[test]
fn parameters_sharing_a_name_in_two_locations_keep_their_own_values() {
    let raw = RawParams {
        path: vec![("path".into(), "nodes".into())],
        query: vec![("path".into(), "logs".into()), ("hops".into(), "3".into())],
        ..RawParams::default()
    };
    let params = GetPathParams::from_raw(&raw).unwrap();
    assert_eq!(params, GetPathParams { path: "nodes".into(), path_2: Some("logs".into()), hops: Some(3) });
    assert_eq!(params.path(), "/proxy/nodes");
    assert_eq!(params.query(), vec![("path", "logs".to_owned()), ("hops", "3".to_owned())]);
    assert_eq!(
        serde_json::to_value(&params).unwrap(),
        serde_json::json!({"path:path": "nodes", "query:path": "logs", "hops": 3})
    );

    let only_path = RawParams { path: vec![("path".into(), "nodes".into())], ..RawParams::default() };
    assert_eq!(
        GetPathParams::from_raw(&only_path).unwrap(),
        GetPathParams { path: "nodes".into(), path_2: None, hops: None }
    );

    let short = RawParams { query: vec![("path".into(), "l".into())], ..only_path };
    assert_eq!(
        violations(GetPathParams::from_raw(&short)),
        vec![v("path", "tooShort", "expected at least 2 characters, got 1")]
    );
}
