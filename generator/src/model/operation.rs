//! Paths and operations to client methods.

use openapiv3::{
    APIKeyLocation, Parameter as SpecParameter, ParameterSchemaOrContent, PathItem, ReferenceOr,
    Response, SecurityScheme as SpecScheme, StatusCode,
};

use super::build::Builder;
use super::{
    Body, Docs, Operation, Parameter, ParameterLocation, ResponseCase, ResponseSet, ResponseShape,
    SecurityKind, SecurityRequirement, SecurityScheme, SegmentPart, StatusMatch, TypeRef,
};
use crate::diagnostics::Pointer;
use crate::name::{self, Namespace};

/// Methods every generated client has; operations cannot take these names.
const CLIENT_METHODS: &[&str] = &[
    "new",
    "builder",
    "with_default_server",
    "base_url",
    "clone",
    "fmt",
];

/// Locals in generated method bodies; parameters cannot take these names.
const METHOD_LOCALS: &[&str] = &["request", "response"];

impl Builder<'_> {
    pub(super) fn build_operations(&mut self) -> Vec<Operation> {
        let mut method_names = Namespace::with_reserved(CLIENT_METHODS);
        let mut operations = Vec::new();
        let spec = self.spec;
        for (path, item) in spec.paths.paths.iter() {
            let at = Pointer::root().join("paths").join(path);
            let ReferenceOr::Item(item) = item else {
                self.diagnostics
                    .error(&at, "`$ref` path items are not supported yet");
                continue;
            };
            for (method, op) in methods(item) {
                let at = at.join(method.to_ascii_lowercase());
                let op_id = op
                    .operation_id
                    .clone()
                    .unwrap_or_else(|| format!("{method} {path}"));
                let method_name = method_names.claim(name::snake(&op_id));
                if let Some(operation) =
                    self.operation(path, item, method, op, op_id, method_name, &at)
                {
                    operations.push(operation);
                }
            }
        }
        operations
    }

    #[allow(clippy::too_many_arguments)]
    fn operation(
        &mut self,
        path: &str,
        item: &PathItem,
        method: &str,
        op: &openapiv3::Operation,
        operation_id: String,
        method_name: String,
        at: &Pointer,
    ) -> Option<Operation> {
        let type_prefix = name::pascal(&method_name);
        let parameters = self.parameters(item, op, path, &type_prefix, at);
        let segments = self.path_segments(path, &parameters, at);
        if op.request_body.is_some() {
            self.diagnostics.error(
                &at.join("requestBody"),
                "request bodies are not supported yet",
            );
        }
        let security = self.security(op, at);
        let (success, errors) = self.responses(op, &type_prefix, at);
        let accepts_json = success
            .cases
            .iter()
            .chain(&errors.cases)
            .any(|c| matches!(c.body, Body::Json(_)));
        Some(Operation {
            method_name,
            operation_id,
            http_method: method.to_owned(),
            path: path.to_owned(),
            segments,
            parameters,
            docs: Docs::from_parts([op.summary.as_deref(), op.description.as_deref()]),
            deprecated: op.deprecated,
            security,
            accepts_json,
            success,
            errors,
        })
    }

    /// Path-level parameters, overridden by operation-level ones with the same
    /// name and location; required ones first, each group in spec order.
    fn parameters(
        &mut self,
        item: &PathItem,
        op: &openapiv3::Operation,
        path: &str,
        type_prefix: &str,
        at: &Pointer,
    ) -> Vec<Parameter> {
        let mut found: Vec<(&SpecParameter, Pointer)> = Vec::new();
        let path_at = Pointer::root().join("paths").join(path).join("parameters");
        let sources = [
            (&item.parameters, path_at),
            (&op.parameters, at.join("parameters")),
        ];
        for (list, list_at) in sources {
            for (i, p) in list.iter().enumerate() {
                let p_at = list_at.join(i);
                let Some(p) = self.resolve(p, "parameters", |c| &c.parameters, &p_at) else {
                    continue;
                };
                let data = p.parameter_data_ref();
                found.retain(|(q, _)| {
                    !(q.parameter_data_ref().name == data.name
                        && std::mem::discriminant(*q) == std::mem::discriminant(p))
                });
                found.push((p, p_at));
            }
        }
        found.sort_by_key(|(p, _)| !p.parameter_data_ref().required);

        let mut names = Namespace::with_reserved(METHOD_LOCALS);
        let mut parameters = Vec::with_capacity(found.len());
        for (p, p_at) in found {
            let data = p.parameter_data_ref();
            let location = match p {
                SpecParameter::Path { .. } => ParameterLocation::Path,
                SpecParameter::Query { .. } => ParameterLocation::Query,
                SpecParameter::Header { .. } => ParameterLocation::Header,
                SpecParameter::Cookie { .. } => {
                    self.diagnostics
                        .error(&p_at, "cookie parameters are not supported yet");
                    continue;
                }
            };
            let ty = match &data.format {
                ParameterSchemaOrContent::Schema(schema) => self.type_of(
                    schema,
                    &p_at.join("schema"),
                    &format!("{type_prefix} {}", data.name),
                ),
                ParameterSchemaOrContent::Content(_) => {
                    self.diagnostics.error(
                        &p_at.join("content"),
                        "parameters described by `content` are not supported yet",
                    );
                    continue;
                }
            };
            if !self.is_scalar(&ty) {
                self.diagnostics.error(
                    &p_at.join("schema"),
                    "only string, integer, number and boolean parameters are supported yet",
                );
                continue;
            }
            parameters.push(Parameter {
                name: names.claim(name::snake(&data.name)),
                wire_name: data.name.clone(),
                location,
                // Path parameters are always required, whatever the spec says.
                required: data.required || location == ParameterLocation::Path,
                ty,
                docs: Docs::from_parts([data.description.as_deref()]),
            });
        }
        parameters
    }

    fn path_segments(
        &mut self,
        path: &str,
        parameters: &[Parameter],
        at: &Pointer,
    ) -> Vec<Vec<SegmentPart>> {
        let mut segments = Vec::new();
        for segment in path.split('/').filter(|s| !s.is_empty()) {
            let mut parts = Vec::new();
            let mut rest = segment;
            while let Some(open) = rest.find('{') {
                if open > 0 {
                    parts.push(SegmentPart::Literal(rest[..open].to_owned()));
                }
                let Some(close) = rest[open..].find('}') else {
                    self.diagnostics
                        .error(at, format!("path `{path}` has an unclosed `{{`"));
                    break;
                };
                let wire = &rest[open + 1..open + close];
                match parameters
                    .iter()
                    .position(|p| p.location == ParameterLocation::Path && p.wire_name == wire)
                {
                    Some(index) => parts.push(SegmentPart::Parameter(index)),
                    None => self
                        .diagnostics
                        .error(at, format!("path `{path}` uses `{{{wire}}}` but no path parameter `{wire}` is declared")),
                }
                rest = &rest[open + close + 1..];
            }
            if !rest.is_empty() && !rest.contains('{') {
                parts.push(SegmentPart::Literal(rest.to_owned()));
            }
            segments.push(parts);
        }
        segments
    }

    fn security(&mut self, op: &openapiv3::Operation, at: &Pointer) -> Vec<SecurityRequirement> {
        let (requirements, req_at) = match &op.security {
            Some(list) => (list, at.join("security")),
            None => match &self.spec.security {
                Some(list) => (list, Pointer::root().join("security")),
                None => return Vec::new(),
            },
        };
        let mut alternatives = Vec::new();
        for (i, requirement) in requirements.iter().enumerate() {
            let mut schemes = Vec::new();
            for scheme_name in requirement.keys() {
                let scheme_at = req_at.join(i).join(scheme_name);
                let reference = ReferenceOr::Reference {
                    reference: format!("#/components/securitySchemes/{scheme_name}"),
                };
                let Some(scheme) = self.resolve(
                    &reference,
                    "securitySchemes",
                    |c| &c.security_schemes,
                    &scheme_at,
                ) else {
                    continue;
                };
                let kind = match scheme {
                    SpecScheme::HTTP { scheme, .. } if scheme.eq_ignore_ascii_case("bearer") => {
                        SecurityKind::Bearer
                    }
                    SpecScheme::HTTP { scheme, .. } if scheme.eq_ignore_ascii_case("basic") => {
                        SecurityKind::Basic
                    }
                    SpecScheme::HTTP { scheme, .. } => {
                        self.diagnostics.error(
                            &scheme_at,
                            format!("http auth scheme `{scheme}` is not supported"),
                        );
                        continue;
                    }
                    SpecScheme::OAuth2 { .. } | SpecScheme::OpenIDConnect { .. } => {
                        SecurityKind::Bearer
                    }
                    SpecScheme::APIKey { location, name, .. } => match location {
                        APIKeyLocation::Header => SecurityKind::ApiKeyHeader(name.clone()),
                        APIKeyLocation::Query => SecurityKind::ApiKeyQuery(name.clone()),
                        APIKeyLocation::Cookie => SecurityKind::ApiKeyCookie(name.clone()),
                    },
                };
                let const_name = match self.scheme_consts.get(scheme_name) {
                    Some(existing) => existing.clone(),
                    None => {
                        let claimed = self.const_names.claim(name::scheme_const(scheme_name));
                        self.scheme_consts
                            .insert(scheme_name.clone(), claimed.clone());
                        claimed
                    }
                };
                schemes.push(SecurityScheme {
                    const_name,
                    name: scheme_name.clone(),
                    kind,
                });
            }
            alternatives.push(SecurityRequirement { schemes });
        }
        // `security: [{}]` means "no credentials", the same as no requirement.
        if alternatives.iter().all(|a| a.schemes.is_empty()) {
            alternatives.clear();
        }
        alternatives
    }

    /// Values that have one text form in a URL or header: numbers, strings,
    /// booleans and string enums.
    fn is_scalar(&self, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::String
            | TypeRef::Bool
            | TypeRef::I32
            | TypeRef::I64
            | TypeRef::F32
            | TypeRef::F64 => true,
            TypeRef::Named(name) => self
                .types
                .iter()
                .any(|t| &t.name == name && matches!(t.kind, super::TypeKind::StringEnum { .. })),
            _ => false,
        }
    }

    /// Sorts the documented responses into success and error cases.
    fn responses(
        &mut self,
        op: &openapiv3::Operation,
        type_prefix: &str,
        at: &Pointer,
    ) -> (ResponseSet, ResponseSet) {
        let at = at.join("responses");
        let mut success = Vec::new();
        let mut errors = Vec::new();
        for (status, response) in &op.responses.responses {
            let code = match status {
                StatusCode::Code(code) => *code,
                StatusCode::Range(_) => {
                    self.diagnostics.error(
                        &at.join(status),
                        "status ranges such as `4XX` are not supported yet",
                    );
                    continue;
                }
            };
            let variant = name::status_variant(code);
            let r_at = at.join(code);
            let Some(case) = self.response_case(
                response,
                StatusMatch::Code(code),
                variant,
                type_prefix,
                &r_at,
            ) else {
                continue;
            };
            if code < 400 {
                success.push(case)
            } else {
                errors.push(case)
            }
        }
        if let Some(response) = &op.responses.default {
            let r_at = at.join("default");
            if let Some(case) = self.response_case(
                response,
                StatusMatch::Default,
                "Default".to_owned(),
                type_prefix,
                &r_at,
            ) {
                // `default` covers the statuses not listed. With a listed
                // success it describes errors; alone, it is the success.
                if success.is_empty() {
                    success.push(case)
                } else {
                    errors.push(case)
                }
            }
        }
        let success_shape = match success.len() {
            0 => ResponseShape::None,
            1 => ResponseShape::Single,
            _ => ResponseShape::Enum {
                name: self.type_names.claim(format!("{type_prefix}Response")),
                docs: Docs::from_parts([Some(&*format!(
                    "A successful response of `{}`.",
                    name::snake(type_prefix)
                ))]),
            },
        };
        let error_shape = match errors.len() {
            0 => ResponseShape::None,
            _ => ResponseShape::Enum {
                name: self.type_names.claim(format!("{type_prefix}Error")),
                docs: Docs::from_parts([Some(&*format!(
                    "A documented error response of `{}`.",
                    name::snake(type_prefix)
                ))]),
            },
        };
        (
            ResponseSet {
                shape: success_shape,
                cases: success,
            },
            ResponseSet {
                shape: error_shape,
                cases: errors,
            },
        )
    }

    fn response_case(
        &mut self,
        response: &ReferenceOr<Response>,
        status: StatusMatch,
        variant: String,
        type_prefix: &str,
        at: &Pointer,
    ) -> Option<ResponseCase> {
        let response = self.resolve(response, "responses", |c| &c.responses, at)?;
        let body = if response.content.is_empty() {
            Body::Empty
        } else if let Some((_, media)) = response
            .content
            .iter()
            .find(|(media_type, _)| is_json(media_type))
        {
            let ty = match &media.schema {
                Some(schema) => self.type_of(
                    schema,
                    &at.join("content"),
                    &format!("{type_prefix}{variant}Body"),
                ),
                None => TypeRef::Json,
            };
            Body::Json(ty)
        } else {
            let kinds: Vec<&str> = response.content.keys().map(String::as_str).collect();
            self.diagnostics.error(
                &at.join("content"),
                format!(
                    "response media type(s) {} are not supported yet; only JSON is",
                    kinds.join(", ")
                ),
            );
            return None;
        };
        Some(ResponseCase {
            status,
            variant,
            body,
            docs: Docs::from_parts([Some(response.description.as_str())]),
        })
    }
}

/// An operation's methods in a fixed order, so output does not depend on
/// how the spec orders them.
fn methods(item: &PathItem) -> impl Iterator<Item = (&'static str, &openapiv3::Operation)> {
    [
        ("GET", &item.get),
        ("PUT", &item.put),
        ("POST", &item.post),
        ("DELETE", &item.delete),
        ("OPTIONS", &item.options),
        ("HEAD", &item.head),
        ("PATCH", &item.patch),
        ("TRACE", &item.trace),
    ]
    .into_iter()
    .filter_map(|(method, op)| op.as_ref().map(|op| (method, op)))
}

/// `application/json`, and any `+json` type such as `application/problem+json`.
fn is_json(media_type: &str) -> bool {
    let essence = media_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json" || essence.ends_with("+json")
}
