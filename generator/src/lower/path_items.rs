//! The spec's path items, kept as the JSON values they were read as and each read as openapiv3's
//! `PathItem` only while its operations are lowered.
//!
//! A `PathItem` has room for all eight operations inline (8.7 KB before anything is in it), and
//! the read `paths` of a large spec took three times the memory of the rest of the document. One
//! at a time, they take no more than their largest item.

use crate::diagnostics::{escape_segment, unescape_segment};
use crate::ir::Method;
use indexmap::{IndexMap, IndexSet};
use openapiv3::PathItem;
use serde::Deserialize;
use serde_json::Value;

/// The methods of a path item, in the order openapiv3 gives its operations, and their keys.
pub(crate) const METHODS: [(Method, &str); 8] = [
    (Method::Get, "get"),
    (Method::Put, "put"),
    (Method::Post, "post"),
    (Method::Delete, "delete"),
    (Method::Options, "options"),
    (Method::Head, "head"),
    (Method::Patch, "patch"),
    (Method::Trace, "trace"),
];

/// An operation as listed before its path item is read: enough to name it.
pub(super) struct Listed<'p> {
    pub path: &'p str,
    pub method: Method,
    pub operation_id: Option<&'p str>,
}

/// Where a path's operations are written.
pub(super) enum Located<'p> {
    /// At the path itself, or in the item another path's `$ref` names: that path and its item.
    At(&'p str, &'p Value),
    /// A `$ref` that names no path item under `#/paths`.
    Unresolved(&'p str),
}

/// The `paths` object as read: path template -> path item. Only keys that begin with `/` are
/// kept, as openapiv3 reads its paths; `x-` extensions and anything else are left out.
pub(super) struct PathItems {
    items: IndexMap<String, Value>,
    /// Indices of items another path's `$ref` names, kept until every path is lowered.
    referenced: IndexSet<usize>,
}

impl PathItems {
    pub(super) fn new(paths: serde_json::Map<String, Value>) -> Self {
        let items: IndexMap<String, Value> = paths
            .into_iter()
            .filter(|(path, _)| path.starts_with('/'))
            .collect();
        let mut path_items = PathItems {
            items,
            referenced: IndexSet::new(),
        };
        let referenced = (0..path_items.len())
            .filter_map(|index| match path_items.locate(index) {
                Located::At(path, _) if path != path_items.path(index) => {
                    path_items.items.get_index_of(path)
                }
                _ => None,
            })
            .collect();
        path_items.referenced = referenced;
        path_items
    }

    pub(super) fn len(&self) -> usize {
        self.items.len()
    }

    pub(super) fn path(&self, index: usize) -> &str {
        self.items.get_index(index).map_or("", |(path, _)| path)
    }

    /// Where the operations of the `index`-th path are written.
    pub(super) fn locate(&self, index: usize) -> Located<'_> {
        let Some((path, value)) = self.items.get_index(index) else {
            return Located::Unresolved("");
        };
        let Some(reference) = value.get("$ref").and_then(Value::as_str) else {
            return Located::At(path, value);
        };
        let target = reference
            .strip_prefix("#/paths/")
            .map(unescape_segment)
            .and_then(|target| self.items.get_key_value(&target))
            .filter(|(_, item)| item.get("$ref").and_then(Value::as_str).is_none());
        match target {
            Some((target, item)) => Located::At(target, item),
            None => Located::Unresolved(reference),
        }
    }

    /// The operations of the `index`-th path, in openapiv3's order, without reading the item.
    pub(super) fn listed(&self, index: usize) -> Vec<Listed<'_>> {
        let Located::At(_, item) = self.locate(index) else {
            return Vec::new();
        };
        let path = self.path(index);
        METHODS
            .iter()
            .filter_map(|&(method, key)| {
                let operation = item.get(key).filter(|operation| !operation.is_null())?;
                Some(Listed {
                    path,
                    method,
                    operation_id: operation.get("operationId").and_then(Value::as_str),
                })
            })
            .collect()
    }

    /// Lets go of the `index`-th item's value once its operations are lowered, unless another
    /// path's `$ref` still needs it.
    pub(super) fn release(&mut self, index: usize) {
        if !self.referenced.contains(&index) {
            if let Some((_, value)) = self.items.get_index_mut(index) {
                *value = Value::Null;
            }
        }
    }
}

/// `item` read as openapiv3's path item, or the place and complaint of the first part of it that
/// does not have OpenAPI's shape.
pub(super) fn read(item: &Value, pointer: &str) -> Result<PathItem, (String, String)> {
    PathItem::deserialize(item).map_err(|error| {
        crate::load::shape_error::path_item_shape_error(item, pointer.to_owned())
            .unwrap_or_else(|| (pointer.to_owned(), error.to_string()))
    })
}

/// The pointer to a path's item.
pub(super) fn item_pointer(path: &str) -> String {
    format!("/paths/{}", escape_segment(path))
}
