//! The form types multipart bodies are sent as: a struct whose binary
//! properties are files (the runtime's `Upload`), written part by part.

use std::collections::HashSet;

use super::graph::{TypeId, TypeKind, TypeRef};
use super::{Api, BodyKind};

/// Gives every multipart body a form type: its struct with the file
/// properties typed as files. A struct nothing else uses becomes one in
/// place; one that other bodies, responses or types also use is copied as
/// `<Name>Form`. A body with no struct (no schema, or not an object with
/// properties) stays a form the caller builds.
pub(super) fn form_types(api: &mut Api) {
    let elsewhere = used_outside_multipart(api);
    for op in 0..api.operations.len() {
        let Some(body) = &api.operations[op].body else {
            continue;
        };
        for content in 0..body.content.len() {
            let BodyKind::Multipart {
                ty: Some(ty),
                parts,
            } = &api.operations[op].body.as_ref().expect("checked").content[content].kind
            else {
                continue;
            };
            let Some(id) = ty.non_null().named() else {
                continue;
            };
            let Some(def) = api.types.get(id).cloned() else {
                continue;
            };
            if def.form_parts.is_some() {
                continue; // Another operation's form already.
            }
            if !matches!(def.kind, TypeKind::Struct { .. }) {
                continue;
            }
            let parts = parts.clone();
            let form = if elsewhere.contains(&id) {
                let copy = api.types.declare_like(format!("{}Form", def.name), id);
                let mut def = def;
                def.name = api.types.name(copy).to_owned();
                def.inline = false;
                def.same_as = None;
                api.types.define(copy, def);
                copy
            } else {
                id
            };
            let def = api.types.get_mut(form).expect("declared");
            if let TypeKind::Struct { fields } = &mut def.kind {
                for field in fields {
                    let file = parts.iter().find(|p| p.name == field.wire_name);
                    match file.and_then(|p| p.file) {
                        Some(false) => field.ty = TypeRef::File,
                        Some(true) => field.ty = TypeRef::List(Box::new(TypeRef::File)),
                        None => continue,
                    }
                    // An upload is there or not: never `null`.
                    field.format = None;
                    field.boxed = false;
                    field.nullable = false;
                }
            }
            def.form_parts = Some(parts);
            if form != id {
                let body = api.operations[op].body.as_mut().expect("checked");
                if let BodyKind::Multipart { ty: Some(ty), .. } = &mut body.content[content].kind {
                    *ty = TypeRef::Named(form);
                }
            }
        }
    }
}

/// The types named anywhere but as a multipart body: in other types, in
/// parameters, in other bodies, in responses and headers.
fn used_outside_multipart(api: &Api) -> HashSet<TypeId> {
    let mut used = HashSet::new();
    for (_, def) in api.types.iter() {
        for member in def.kind.members() {
            member.visit_named(&mut |id| {
                used.insert(id);
            });
        }
    }
    for op in &api.operations {
        let forms: Vec<&TypeRef> = op
            .body
            .iter()
            .flat_map(|b| &b.content)
            .filter_map(|c| match &c.kind {
                BodyKind::Multipart { ty: Some(ty), .. } => Some(ty),
                _ => None,
            })
            .collect();
        for ty in op.type_refs() {
            if !forms.iter().any(|form| std::ptr::eq(*form, ty)) {
                ty.visit_named(&mut |id| {
                    used.insert(id);
                });
            }
        }
    }
    used
}
