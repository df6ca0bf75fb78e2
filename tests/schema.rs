//! The session JSON Schema (`knotless schema`, `assets/session.schema.json`) agrees with the
//! parser: the same keys, limits and duration syntax, and every shipped session conforms.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;

use knotless::cmd::docs::SESSION_SCHEMA;
use knotless::session::library::art_names;
use knotless::session::parse::{
    MAX_LIST, MAX_LONG, MAX_MEDIUM, MAX_REPS, MAX_SHORT, MAX_STEPS, SESSION_KEYS, STEP_KEYS,
};
use serde_json::Value;

fn schema() -> Value {
    serde_json::from_str(SESSION_SCHEMA).unwrap()
}

fn keys(object: &Value) -> BTreeSet<String> {
    object["properties"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect()
}

fn set(keys: &[&str]) -> BTreeSet<String> {
    keys.iter().map(ToString::to_string).collect()
}

fn step(schema: &Value) -> &Value {
    &schema["definitions"]["step"]
}

fn pattern(schema: &Value, pointer: &str) -> regex_lite::Regex {
    regex_lite::Regex::new(schema.pointer(pointer).unwrap().as_str().unwrap()).unwrap()
}

/// Every shipped session, and the template `knotless new` writes.
fn shipped() -> Vec<(String, toml::Table)> {
    let mut files: Vec<(String, toml::Table)> = std::fs::read_dir("sessions")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p.display().to_string(), text.parse().unwrap())
        })
        .collect();
    assert!(files.len() >= 5);
    let template = knotless::cmd::author::template("t");
    files.push(("template".into(), template.parse().unwrap()));
    files
}

#[test]
fn is_draft_07_and_closed() {
    let s = schema();
    assert_eq!(s["$schema"], "http://json-schema.org/draft-07/schema#");
    assert_eq!(s["additionalProperties"], false);
    assert_eq!(step(&s)["additionalProperties"], false);
    assert_eq!(s["required"], serde_json::json!(["title", "steps"]));
    assert_eq!(
        step(&s)["required"],
        serde_json::json!(["name", "duration"])
    );
}

#[test]
fn has_exactly_the_keys_the_parser_accepts_each_described() {
    let s = schema();
    assert_eq!(keys(&s), set(SESSION_KEYS));
    assert_eq!(keys(step(&s)), set(STEP_KEYS));
    for object in [&s, step(&s)] {
        for (key, value) in object["properties"].as_object().unwrap() {
            let described = value.get("description").or_else(|| {
                let target = value["$ref"].as_str()?.trim_start_matches("#/definitions/");
                s["definitions"][target].get("description")
            });
            assert!(
                described
                    .and_then(Value::as_str)
                    .is_some_and(|d| d.len() > 10),
                "{key}"
            );
        }
    }
}

#[test]
fn limits_match_the_parser() {
    let s = schema();
    let p = &s["properties"];
    let st = &step(&s)["properties"];
    assert_eq!(st["reps"]["minimum"], 1);
    assert_eq!(st["reps"]["maximum"], MAX_REPS);
    assert_eq!(st["sides"]["uniqueItems"], true);
    assert_eq!(st["sides"]["minItems"], 1);
    assert_eq!(p["steps"]["minItems"], 1);
    assert_eq!(p["steps"]["maxItems"], MAX_STEPS);
    for list in [&st["sides"], &p["tags"]] {
        assert_eq!(list["maxItems"], MAX_LIST);
        assert_eq!(list["items"]["maxLength"], MAX_SHORT);
    }
    for (key, max) in [(&p["title"], MAX_SHORT), (&p["summary"], MAX_MEDIUM)] {
        assert_eq!(key["maxLength"], max);
    }
    for (key, max) in [
        ("name", MAX_SHORT),
        ("art", MAX_SHORT),
        ("caution", MAX_MEDIUM),
        ("cue", MAX_MEDIUM),
        ("instructions", MAX_LONG),
    ] {
        assert_eq!(st[key]["maxLength"], max, "{key}");
    }
    let examples: Vec<&str> = st["art"]["examples"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(examples, art_names());
    let bases: Vec<&str> = st["basis"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(bases, ["source", "choice"]);
    for name in bases {
        assert_eq!(
            knotless::session::Basis::from_name(name).map(|b| b.as_str()),
            Some(name)
        );
    }
}

#[test]
fn duration_patterns_follow_the_parser() {
    let s = schema();
    let duration = pattern(&s, "/definitions/duration/pattern");
    let rest = pattern(&s, "/definitions/step/properties/rest/pattern");
    for good in [
        "30s",
        "1m 30s",
        "1m30s",
        "20m",
        "1h",
        "30s..60s",
        "15m..20m",
        " 1 min ..2 mins",
        "1.5m",
    ] {
        assert!(duration.is_match(good), "{good}");
        let parsed = knotless::session::timing::parse_timing(good);
        assert!(parsed.is_ok(), "the parser agrees on {good}: {parsed:?}");
    }
    for bad in [
        "",
        "30",
        "soon",
        "30s..",
        "..60s",
        "30s..60s..90s",
        "30 x",
        "-30s",
        "30s, 60s",
    ] {
        assert!(!duration.is_match(bad), "{bad}");
        assert!(
            knotless::session::timing::parse_timing(bad).is_err(),
            "{bad}"
        );
    }
    assert!(rest.is_match("10s") && rest.is_match("1m 30s"));
    assert!(!rest.is_match("10s..20s"));
}

#[test]
fn every_shipped_session_conforms() {
    let s = schema();
    let session_keys = keys(&s);
    let step_keys = keys(step(&s));
    let duration = pattern(&s, "/definitions/duration/pattern");
    let rest = pattern(&s, "/definitions/step/properties/rest/pattern");
    for (file, table) in shipped() {
        for key in table.keys() {
            assert!(
                session_keys.contains(key),
                "{file}: `{key}` is not in the schema"
            );
        }
        assert!(table["title"].is_str(), "{file}");
        for st in table["steps"].as_array().unwrap() {
            let st = st.as_table().unwrap();
            for key in st.keys() {
                assert!(
                    step_keys.contains(key),
                    "{file}: step key `{key}` is not in the schema"
                );
            }
            assert!(st["name"].is_str(), "{file}");
            assert!(
                duration.is_match(st["duration"].as_str().unwrap()),
                "{file}"
            );
            if let Some(r) = st.get("rest") {
                assert!(rest.is_match(r.as_str().unwrap()), "{file}");
            }
            if let Some(reps) = st.get("reps") {
                assert!(
                    (1..=MAX_REPS).contains(&reps.as_integer().unwrap()),
                    "{file}"
                );
            }
            if let Some(basis) = st.get("basis") {
                let basis = basis.as_str().unwrap();
                assert!(["source", "choice"].contains(&basis), "{file}: {basis}");
            }
            if let Some(sides) = st.get("sides") {
                let sides = sides.as_array().unwrap();
                let distinct: BTreeSet<&str> = sides.iter().map(|v| v.as_str().unwrap()).collect();
                assert_eq!(distinct.len(), sides.len(), "{file}");
            }
        }
    }
}

#[test]
fn the_binary_prints_the_schema() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_knotless"))
        .arg("schema")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), SESSION_SCHEMA);
}
