//! Paths and operations to client methods.

use std::borrow::Cow;

use openapiv3::{
    Parameter as SpecParameter, ParameterSchemaOrContent, PathItem, QueryStyle, ReferenceOr,
    Response, StatusCode,
};

use super::build::Builder;
use super::{
    Body, BodyContent, BodyKind, Docs, Encoding, EventData, Gate, Operation, Parameter,
    ParameterLocation, PathStyle, RequestBody, ResponseCase, ResponseHeader, ResponseSet,
    ResponseShape, StatusMatch, TypeKind, TypeRef,
};
use crate::name::reserved::{BUILDER_METHODS, CLIENT_METHODS, METHOD_LOCALS};
use crate::name::{self, Namespace};
use crate::path_template::PathTemplate;
use crate::pointer::Pointer;
use crate::resolve::RefError;

impl Builder<'_> {
    pub(super) fn build_operations(&mut self) -> Vec<Operation> {
        let mut method_names = Namespace::with_reserved(CLIENT_METHODS);
        // Each operationId with the operation that had it first.
        let mut operation_ids: std::collections::HashMap<String, String> = Default::default();
        let mut operations = Vec::new();
        let spec = self.spec;
        for (path, item) in spec.paths.paths.iter() {
            let path_at = Pointer::root().join("paths").join(path);
            let item = match item {
                ReferenceOr::Item(item) => Cow::Borrowed(item),
                ReferenceOr::Reference { reference } => {
                    match self.resolver.resolve_node::<PathItem>(reference) {
                        Ok((item, _)) => Cow::Owned(item),
                        // Reported where the file was to be read.
                        Err(RefError::External(_)) => continue,
                        Err(problem) => {
                            self.diagnostics.error(&path_at, problem.to_string());
                            continue;
                        }
                    }
                }
            };
            for (method, op, at) in self.methods(&item, &path_at) {
                let op_id = op
                    .operation_id
                    .clone()
                    .unwrap_or_else(|| format!("{method} {path}"));
                let method_name = method_names.claim(name::snake(&op_id));
                if let Some(id) = &op.operation_id {
                    match operation_ids.get(id) {
                        Some(earlier) => self.diagnostics.warning(
                            &at.join("operationId"),
                            format!(
                                "operationId `{id}` is `{earlier}`'s too (OpenAPI requires each to be unique); this operation's method is `{method_name}`"
                            ),
                        ),
                        None => {
                            operation_ids.insert(id.clone(), format!("{method} {path}"));
                        }
                    }
                }
                operations.push(self.operation(path, &item, &method, &op, op_id, method_name, &at));
            }
        }
        operations
    }

    /// A path item's operations: the standard methods in a fixed order (so
    /// output does not depend on how the spec orders them), then OpenAPI
    /// 3.2's `query` and `additionalOperations`, which `openapiv3` does not
    /// read, from the raw document.
    fn methods<'i>(
        &mut self,
        item: &'i PathItem,
        at: &Pointer,
    ) -> Vec<(String, Cow<'i, openapiv3::Operation>, Pointer)> {
        let standard = [
            ("GET", &item.get),
            ("PUT", &item.put),
            ("POST", &item.post),
            ("DELETE", &item.delete),
            ("OPTIONS", &item.options),
            ("HEAD", &item.head),
            ("PATCH", &item.patch),
            ("TRACE", &item.trace),
        ];
        let mut found: Vec<_> = standard
            .into_iter()
            .filter_map(|(method, op)| {
                let op_at = at.join(method.to_ascii_lowercase());
                op.as_ref()
                    .map(|op| (method.to_owned(), Cow::Borrowed(op), op_at))
            })
            .collect();
        let mut extra = Vec::new();
        if let Some(query) = self.resolver.raw_node(&at.join("query")) {
            extra.push(("QUERY".to_owned(), query, at.join("query")));
        }
        let additional_at = at.join("additionalOperations");
        if let Some(serde_json::Value::Object(additional)) = self.resolver.raw_node(&additional_at)
        {
            for (method, op) in additional {
                extra.push((method.clone(), op, additional_at.join(method)));
            }
        }
        for (method, op, op_at) in extra {
            let standard_name = standard_method(&method);
            if !is_token(&method) || standard_name {
                let message = format!(
                    "`{method}` is not an HTTP method name this operation can use; ignored"
                );
                self.diagnostics.warning(&op_at, message);
                continue;
            }
            match serde_json::from_value::<openapiv3::Operation>(op.clone()) {
                Ok(op) => found.push((method, Cow::Owned(op), op_at)),
                Err(e) => self
                    .diagnostics
                    .error(&op_at, format!("not a valid operation: {e}")),
            }
        }
        found
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
    ) -> Operation {
        let type_prefix = name::pascal(&method_name);
        let template = PathTemplate::parse(path).unwrap_or_else(|problem| {
            self.diagnostics
                .error(at, format!("path `{path}` {problem}"));
            PathTemplate::default()
        });
        let parameters = self.parameters(item, op, path, &template, &type_prefix, at);
        // `parameters` has one for every placeholder, declared or not.
        let template = template
            .map(|wire| {
                parameters
                    .iter()
                    .position(|p| p.location == ParameterLocation::Path && &p.wire_name == wire)
            })
            .unwrap_or_default();
        let request_struct = self.types.claim_name(format!("{type_prefix}Builder"));
        let params_struct = parameters
            .iter()
            .any(|p| !p.required)
            .then(|| self.types.claim_name(format!("{type_prefix}Params")));
        let body = op
            .request_body
            .as_ref()
            .and_then(|b| self.request_body(b, &type_prefix, &at.join("requestBody")));
        if !op.callbacks.is_empty() {
            self.diagnostics.warning(
                &at.join("callbacks"),
                "callbacks are requests the server makes; ignored",
            );
        }
        let security = self.security(op, at);
        let mut headers = Vec::new();
        // A 304 answers a conditional request, which only an operation
        // that takes a validator can make.
        let conditional = parameters.iter().any(|p| {
            p.location == ParameterLocation::Header
                && ["if-none-match", "if-modified-since"]
                    .iter()
                    .any(|name| p.wire_name.eq_ignore_ascii_case(name))
        });
        let (success, errors) = self.responses(op, (&type_prefix, conditional), at, &mut headers);
        let headers_struct =
            (!headers.is_empty()).then(|| self.types.claim_name(format!("{type_prefix}Headers")));
        // The trait a fake's replies set the same headers with.
        let reply_headers_trait = (!headers.is_empty())
            .then(|| self.types.claim_name(format!("{type_prefix}ReplyHeaders")));
        let accepts_json = success
            .cases
            .iter()
            .chain(&errors.cases)
            .any(|c| matches!(c.body, Body::Json(_)));
        let mut operation = Operation {
            pointer: at.to_string(),
            located: None,
            method_name,
            operation_id,
            http_method: method.to_owned(),
            path: path.to_owned(),
            template,
            parameters,
            docs: Docs::from_parts([op.summary.as_deref(), op.description.as_deref()]),
            tags: op.tags.clone(),
            extensions: op
                .extensions
                .iter()
                .filter_map(|(name, value)| Some((name.clone(), value.as_str()?.to_owned())))
                .collect(),
            deprecated: op.deprecated,
            security,
            params_struct,
            request_struct,
            events: false,
            body,
            accepts_json,
            success,
            errors,
            headers,
            headers_struct,
            reply_headers_trait,
            gate: Gate::default(),
            pagination: None,
        };
        operation.events = sends_events(&operation);
        operation
    }

    /// Path-level parameters, overridden by operation-level ones with the same
    /// name and location; required ones first, each group in spec order.
    fn parameters(
        &mut self,
        item: &PathItem,
        op: &openapiv3::Operation,
        path: &str,
        template: &PathTemplate,
        type_prefix: &str,
        at: &Pointer,
    ) -> Vec<Parameter> {
        // Each parameter, where it was declared, and the component it comes
        // from, if any.
        let mut found: Vec<(Cow<'_, SpecParameter>, Pointer, Option<String>)> = Vec::new();
        let path_at = Pointer::root().join("paths").join(path).join("parameters");
        let sources = [
            (&item.parameters, path_at),
            (&op.parameters, at.join("parameters")),
        ];
        for (list, list_at) in sources {
            for (i, p) in list.iter().enumerate() {
                let p_at = list_at.join(i);
                let Some(resolved) = self.resolve(p, &p_at) else {
                    continue;
                };
                let component = component_name(&resolved.at, "parameters");
                let p = resolved.item;
                let data = p.parameter_data_ref();
                found.retain(|(q, _, _)| {
                    !(q.parameter_data_ref().name == data.name
                        && std::mem::discriminant(&**q) == std::mem::discriminant(&*p))
                });
                found.push((p, p_at, component));
            }
        }
        found.sort_by_key(|(p, _, _)| !is_required(p));

        let mut names = Namespace::with_reserved(&[METHOD_LOCALS, BUILDER_METHODS].concat());
        let mut parameters = Vec::with_capacity(found.len());
        for (p, p_at, component) in &found {
            // An inline schema of a shared parameter is named after the
            // component (`direction` gives `Direction`), whichever
            // operation meets it first.
            let context = match component {
                Some(component) => component.clone(),
                None => format!("{type_prefix} {}", p.parameter_data_ref().name),
            };
            self.in_component = component.is_some();
            let parameter = self.parameter(p, p_at, &context, &mut names);
            self.in_component = false;
            if let Some(parameter) = parameter {
                parameters.push(parameter);
            }
        }
        let placeholders = template.placeholders();
        // A declared path parameter the template does not use (a mistake
        // real specs make) could not be sent anywhere.
        parameters.retain(|p| {
            let used =
                p.location != ParameterLocation::Path || placeholders.contains(&&*p.wire_name);
            if !used {
                self.diagnostics.warning(
                    at,
                    format!(
                        "path parameter `{}` does not appear in `{path}`; left out",
                        p.wire_name
                    ),
                );
            }
            used
        });
        // A placeholder without a declared parameter (the same mistake)
        // still has to be filled in: take it as a required string, ahead of
        // the declared ones, in the order the path has them.
        let mut undeclared = Vec::new();
        for wire in placeholders {
            let declared = parameters
                .iter()
                .any(|p| p.location == ParameterLocation::Path && p.wire_name == wire);
            if !declared {
                self.diagnostics.warning(
                    at,
                    format!("path `{path}` uses `{{{wire}}}` but declares no such path parameter; taken as a required string"),
                );
                undeclared.push(Parameter {
                    pointer: at.to_string(),
                    name: names.claim(name::snake(wire)),
                    wire_name: wire.to_owned(),
                    location: ParameterLocation::Path,
                    required: true,
                    ty: TypeRef::String,
                    encoding: Encoding::Scalar,
                    path_style: PathStyle::Simple,
                    deprecated: false,
                    docs: Docs::default(),
                });
            }
        }
        parameters.splice(0..0, undeclared);
        parameters
    }

    fn parameter(
        &mut self,
        p: &SpecParameter,
        at: &Pointer,
        context: &str,
        names: &mut Namespace,
    ) -> Option<Parameter> {
        let data = p.parameter_data_ref();
        let location = location_of(p);
        let (ty, from_content) = self.parameter_type(&data.format, at, context)?;
        // Text in a URL or a header has no `null`: a nullable parameter (or
        // list item) is sent as its type or left out.
        let ty = match self.resolve_alias(ty.without_null().0) {
            TypeRef::List(item) => TypeRef::List(Box::new(item.without_null().0)),
            ty => ty,
        };
        let explode = data.explode.unwrap_or(matches!(
            p,
            SpecParameter::Query { .. } | SpecParameter::Cookie { .. }
        ));
        let path_style = match p {
            SpecParameter::Path {
                style: openapiv3::PathStyle::Label,
                ..
            } => PathStyle::Label,
            SpecParameter::Path {
                style: openapiv3::PathStyle::Matrix,
                ..
            } => PathStyle::Matrix,
            _ => PathStyle::Simple,
        };
        let encoding = if from_content {
            Encoding::Json
        } else {
            self.encoding(p, &ty, (explode, path_style), at)
        };
        Some(Parameter {
            pointer: at.to_string(),
            name: names.claim(name::snake(&data.name)),
            wire_name: data.name.clone(),
            location,
            // Path parameters are always required, whatever the spec says.
            required: data.required || location == ParameterLocation::Path,
            ty,
            encoding,
            path_style,
            deprecated: data.deprecated.unwrap_or(false),
            docs: Docs::from_parts([data.description.as_deref()]),
        })
    }

    /// A parameter's type, from its `schema` or from the one media type of
    /// its `content` (then also `true`: sent as JSON).
    fn parameter_type(
        &mut self,
        format: &ParameterSchemaOrContent,
        at: &Pointer,
        context: &str,
    ) -> Option<(TypeRef, bool)> {
        match format {
            ParameterSchemaOrContent::Schema(schema) => {
                Some((self.type_of(schema, &at.join("schema"), context), false))
            }
            ParameterSchemaOrContent::Content(content) => {
                let Some((media_type, media)) = content.iter().next() else {
                    self.diagnostics.error(
                        &at.join("content"),
                        "a parameter's `content` must name one media type",
                    );
                    return None;
                };
                let media_at = at.join("content").join(media_type);
                let ty = match &media.schema {
                    Some(schema) => self.type_of(schema, &media_at.join("schema"), context),
                    None => TypeRef::Json,
                };
                Some((ty, true))
            }
        }
    }

    /// How a parameter of a `schema` is written, from its type and style.
    fn encoding(
        &mut self,
        p: &SpecParameter,
        ty: &TypeRef,
        (explode, path_style): (bool, PathStyle),
        at: &Pointer,
    ) -> Encoding {
        let location = location_of(p);
        if self.is_scalar(ty) {
            Encoding::Scalar
        } else if let TypeRef::List(item) = ty {
            let item = self.resolve_alias((**item).clone());
            let by_json = item == TypeRef::DateTime;
            if self.is_scalar(&item) || by_json {
                let separator = match p {
                    SpecParameter::Query {
                        style: QueryStyle::SpaceDelimited,
                        ..
                    } => ' ',
                    SpecParameter::Query {
                        style: QueryStyle::PipeDelimited,
                        ..
                    } => '|',
                    _ => ',',
                };
                // Exploded, a list repeats its name (`form`) or its
                // prefix (`label`, `matrix`); elsewhere it is one value.
                let explode = explode
                    && (matches!(
                        location,
                        ParameterLocation::Query | ParameterLocation::Cookie
                    ) || path_style != PathStyle::Simple);
                Encoding::List {
                    explode,
                    separator,
                    by_json,
                }
            } else {
                self.diagnostics
                    .warning(at, "array parameter of non-scalar items: sent as JSON text");
                Encoding::Json
            }
        } else if self.is_object(ty) {
            Encoding::Object {
                deep: matches!(
                    p,
                    SpecParameter::Query {
                        style: QueryStyle::DeepObject,
                        ..
                    }
                ),
                explode: explode && location != ParameterLocation::Cookie,
            }
        } else {
            Encoding::Text
        }
    }

    /// The type behind an alias (`pub type Name = String;`), so parameters
    /// see `String` and are passed as `&str`.
    fn resolve_alias(&self, ty: TypeRef) -> TypeRef {
        self.types.unalias(&ty).clone()
    }

    fn request_body(
        &mut self,
        body: &ReferenceOr<openapiv3::RequestBody>,
        type_prefix: &str,
        at: &Pointer,
    ) -> Option<RequestBody> {
        let resolved = self.resolve(body, at)?;
        // A shared body's inline schemas are named after its component.
        let component = component_name(&resolved.at, "requestBodies");
        let in_component = component.is_some();
        let context = component.unwrap_or_else(|| format!("{type_prefix} Body"));
        let body_at = resolved.at.clone();
        let body = resolved.item;
        let mut content = Vec::new();
        let mut variants = Namespace::default();
        for (media_type, media) in &body.content {
            let media_at = at.join("content").join(media_type);
            if !media_type.bytes().all(|b| (0x20..0x7f).contains(&b)) {
                let message =
                    "this media type is not a valid `Content-Type` header value; left out";
                self.diagnostics.warning(&media_at, message);
                continue;
            }
            let essence = essence(media_type);
            let schema_type = |builder: &mut Self| match &media.schema {
                Some(schema) => {
                    builder.in_component = in_component;
                    let ty = builder.type_of(schema, &media_at.join("schema"), &context);
                    builder.in_component = false;
                    ty
                }
                None => TypeRef::Json,
            };
            let (variant, kind) = if is_json(&essence) {
                ("Json", BodyKind::Json(schema_type(self)))
            } else if essence == "application/x-www-form-urlencoded" {
                let raw_at = body_at.join("content").join(media_type);
                let styles = self.form_styles(media, &raw_at);
                let ty = schema_type(self);
                ("Form", BodyKind::Form { ty, styles })
            } else if essence == "multipart/form-data" {
                let parts = self.multipart_parts(media, &media_at);
                let ty = schema_type(self);
                let ty = match self.not_a_struct(&ty) {
                    None => Some(ty),
                    Some(what) => {
                        let message = format!(
                            "this multipart body's schema is {what}, so the method takes a \
                             form built by hand (`Multipart`) rather than a typed form"
                        );
                        self.diagnostics.warning(&media_at, message);
                        None
                    }
                };
                ("Multipart", BodyKind::Multipart { ty, parts })
            } else if is_text(&essence) {
                if is_xml(&essence) {
                    self.diagnostics
                        .warning(&media_at, "XML bodies are sent as text the caller writes");
                }
                ("Text", BodyKind::Text)
            } else {
                ("Binary", BodyKind::Binary)
            };
            if content.iter().any(|c: &BodyContent| c.kind == kind) {
                continue; // e.g. `application/json` and `text/json`: one is enough.
            }
            content.push(BodyContent {
                media_type: media_type.clone(),
                variant: variants.claim(variant.to_owned()),
                kind,
            });
        }
        if content.is_empty() {
            // Never dropped: what the operation takes is still sent, as
            // every peer sends it.
            let message = "this request body has no media type it can be sent as; \
                           it is sent as JSON (`application/json`) of any shape";
            self.diagnostics.warning(at, message);
            content.push(BodyContent {
                media_type: "application/json".to_owned(),
                variant: "Json".to_owned(),
                kind: BodyKind::Json(TypeRef::Json),
            });
        }
        let enum_name =
            (content.len() > 1).then(|| self.types.claim_name(format!("{type_prefix}Body")));
        Some(RequestBody {
            pointer: at.to_string(),
            required: body.required,
            content,
            enum_name,
            docs: Docs::from_parts([body.description.as_deref()]),
        })
    }

    /// Values that `Display` writes as their one text form in a URL or
    /// header: numbers, strings, booleans, dates, UUIDs and enums.
    pub(super) fn is_scalar(&self, ty: &TypeRef) -> bool {
        match ty {
            _ if ty.displays_as_wire_text() => true,
            _ => matches!(
                self.types.kind_of(ty),
                Some(TypeKind::StringEnum { .. } | TypeKind::IntegerEnum { .. })
            ),
        }
    }

    /// What a type is, if it is no struct (which a form type is made
    /// from), in a diagnostic's words.
    fn not_a_struct(&self, ty: &TypeRef) -> Option<&'static str> {
        let ty = self.types.unalias(ty.non_null()).non_null();
        match (ty, self.types.kind_of(ty)) {
            (_, Some(TypeKind::Struct { .. })) => None,
            (_, Some(TypeKind::OneOf { .. })) => Some("a choice of schemas (`oneOf`/`anyOf`)"),
            (TypeRef::Map(_) | TypeRef::JsonObject, _) => {
                Some("an object with no declared properties")
            }
            (TypeRef::Json, _) => Some("any JSON value (none given, or one not typed)"),
            _ => Some("not an object"),
        }
    }

    /// Values sent as key-value pairs: structs and maps.
    fn is_object(&self, ty: &TypeRef) -> bool {
        matches!(ty, TypeRef::Map(_) | TypeRef::JsonObject)
            || matches!(self.types.kind_of(ty), Some(TypeKind::Struct { .. }))
    }

    /// Sorts the documented responses into success and error cases.
    fn responses(
        &mut self,
        op: &openapiv3::Operation,
        (type_prefix, conditional): (&str, bool),
        at: &Pointer,
        headers: &mut Vec<ResponseHeader>,
    ) -> (ResponseSet, ResponseSet) {
        let at = at.join("responses");
        let mut success = Vec::new();
        let mut errors = Vec::new();
        for (status, response) in &op.responses.responses {
            let (status, hundreds) = match status {
                StatusCode::Code(code) => (StatusMatch::Code(*code), *code / 100),
                StatusCode::Range(range) => (StatusMatch::Range(*range), *range),
            };
            if !reaches_the_caller(status, conditional) {
                continue;
            }
            let variant = match status {
                StatusMatch::Code(code) => name::status_variant(code),
                _ => name::range_variant(hundreds),
            };
            let r_at = at.join(status_key(status));
            let Some(case) =
                self.response_case(response, status, variant, type_prefix, &r_at, headers)
            else {
                continue;
            };
            if hundreds < 4 {
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
                headers,
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
                name: self.types.claim_name(format!("{type_prefix}Response")),
            },
        };
        let error_shape = match errors.len() {
            0 => ResponseShape::None,
            _ => ResponseShape::Enum {
                name: self.types.claim_name(format!("{type_prefix}Error")),
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
        headers: &mut Vec<ResponseHeader>,
    ) -> Option<ResponseCase> {
        // Real specs have dangling ones (Miro's); better a client without
        // this case than none at all.
        let response = self
            .resolve_leniently(response, at, "the status is treated as undocumented")?
            .item;
        if !response.links.is_empty() {
            self.diagnostics
                .warning(&at.join("links"), "links are documentation only; ignored");
        }
        let body = self.response_body(&response, &format!("{type_prefix}{variant}Body"), at);
        let example = match body {
            Body::Json(_) => self.json_example(&response, at),
            _ => None,
        };
        let events = self.event_data(&response, &format!("{type_prefix}{variant}Event"), at);
        let mut declared = Vec::new();
        for (wire, header) in &response.headers {
            let h_at = at.join("headers").join(wire);
            if let Some(index) = self.response_header(wire, header, type_prefix, &h_at, headers) {
                declared.push(index);
            }
        }
        Some(ResponseCase {
            pointer: at.to_string(),
            headers: declared,
            events,
            status,
            variant,
            body,
            example,
            docs: Docs::from_parts([Some(response.description.as_str())]),
        })
    }

    /// The example a response's JSON media type gives: its `example`, or
    /// the value of the first of its `examples` (followed if a `$ref`).
    fn json_example(&mut self, response: &Response, at: &Pointer) -> Option<serde_json::Value> {
        let (media_type, media) = response
            .content
            .iter()
            .find(|(m, _)| is_json(&essence(m)))?;
        if let Some(example) = &media.example {
            return Some(example.clone());
        }
        let (name, example) = media.examples.iter().next()?;
        let e_at = at
            .join("content")
            .join(media_type)
            .join("examples")
            .join(name);
        let example = self
            .resolve_leniently(example, &e_at, "the example is not used")?
            .item;
        example.value.clone()
    }

    /// Adds a declared response header to the operation's (once per name,
    /// ignoring case) and returns its index there.
    fn response_header(
        &mut self,
        wire: &str,
        header: &ReferenceOr<openapiv3::Header>,
        type_prefix: &str,
        at: &Pointer,
        headers: &mut Vec<ResponseHeader>,
    ) -> Option<usize> {
        let header = self
            .resolve_leniently(header, at, "the header is left out")?
            .item;
        let ty = match &header.format {
            ParameterSchemaOrContent::Schema(schema) => {
                let context = format!("{type_prefix} {wire}");
                let ty = self.type_of(schema, &at.join("schema"), &context);
                self.resolve_alias(ty.without_null().0)
            }
            ParameterSchemaOrContent::Content(_) => TypeRef::String,
        };
        // Lists and objects have no one text form, and date-time headers are
        // usually HTTP dates (RFC 9110), not RFC 3339: read them as text.
        let ty = if self.is_scalar(&ty) {
            ty
        } else {
            TypeRef::String
        };
        if let Some(index) = headers
            .iter()
            .position(|h| h.wire_name.eq_ignore_ascii_case(wire))
        {
            let known = &mut headers[index];
            known.required &= header.required;
            return Some(index);
        }
        let taken: Vec<&str> = headers.iter().map(|h| h.name.as_str()).collect();
        let mut names = Namespace::with_reserved(&["new", "headers"]);
        for name in taken {
            names.claim(name.to_owned());
        }
        headers.push(ResponseHeader {
            name: names.claim(name::snake(wire)),
            wire_name: wire.to_owned(),
            ty,
            required: header.required,
            docs: Docs::from_parts([header.description.as_deref()]),
        });
        Some(headers.len() - 1)
    }

    /// The events of a `text/event-stream` media type: JSON of OpenAPI 3.2's
    /// `itemSchema`, or of its `schema` when that is not a string; text
    /// otherwise.
    fn event_data(
        &mut self,
        response: &Response,
        context: &str,
        at: &Pointer,
    ) -> Option<EventData> {
        let (media_type, media) = response
            .content
            .iter()
            .find(|(m, _)| essence(m) == "text/event-stream")?;
        let media_at = at.join("content").join(media_type);
        let item_at = media_at.join("itemSchema");
        let item: Option<ReferenceOr<openapiv3::Schema>> = self
            .resolver
            .raw_node(&item_at)
            .and_then(|node| serde_json::from_value(node.clone()).ok());
        let (schema, schema_at) = match (&item, &media.schema) {
            (Some(item), _) => (item.clone(), item_at),
            (None, Some(schema)) => (schema.clone(), media_at.join("schema")),
            (None, None) => return Some(EventData::Text),
        };
        let ty = self.type_of(&schema, &schema_at, context);
        Some(match self.resolve_alias(ty.without_null().0) {
            TypeRef::String => EventData::Text,
            ty => EventData::Json(ty),
        })
    }

    /// JSON if any media type is JSON, else text, else bytes.
    fn response_body(&mut self, response: &Response, context: &str, at: &Pointer) -> Body {
        if response.content.is_empty() {
            return Body::Empty;
        }
        if let Some((media_type, media)) =
            response.content.iter().find(|(m, _)| is_json(&essence(m)))
        {
            let media_at = at.join("content").join(media_type);
            return Body::Json(match &media.schema {
                Some(schema) => self.type_of(schema, &media_at.join("schema"), context),
                None => TypeRef::Json,
            });
        }
        // An event stream has a method of its own; beside a binary type
        // (audio or events), the plain method reads the bytes.
        let events = |m: &str| essence(m) == "text/event-stream";
        if response.content.keys().all(|m| events(m)) {
            return Body::Text;
        }
        if let Some((media_type, _)) = response
            .content
            .iter()
            .find(|(m, _)| is_text(&essence(m)) && !events(m))
        {
            if is_xml(&essence(media_type)) {
                self.diagnostics.warning(
                    &at.join("content").join(media_type),
                    "XML bodies are returned as text",
                );
            }
            return Body::Text;
        }
        Body::Bytes
    }
}

/// One documented success that declares `text/event-stream`, with a status
/// that can be told before the body is read.
fn sends_events(op: &Operation) -> bool {
    match op.success.cases.as_slice() {
        [only] => {
            only.events.is_some()
                && matches!(only.status, StatusMatch::Code(_) | StatusMatch::Range(_))
        }
        _ => false,
    }
}

/// `name` of `#/components/{section}/{name}`, the node a reference led to.
fn component_name(at: &Pointer, section: &str) -> Option<String> {
    match crate::pointer::tokens(&at.to_string()).as_slice() {
        [components, found, name] if components == "components" && found == section => {
            Some(name.clone())
        }
        _ => None,
    }
}

fn is_required(p: &SpecParameter) -> bool {
    p.parameter_data_ref().required || matches!(p, SpecParameter::Path { .. })
}

fn status_key(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => code.to_string(),
        StatusMatch::Range(hundreds) => format!("{hundreds}XX"),
        StatusMatch::Default => "default".to_owned(),
    }
}

/// A method `openapiv3` reads itself (any case).
fn standard_method(method: &str) -> bool {
    super::STANDARD_METHODS
        .iter()
        .any(|m| m.eq_ignore_ascii_case(method))
}

/// Whether `method` is an HTTP token (RFC 9110 `tchar`s).
fn is_token(method: &str) -> bool {
    !method.is_empty()
        && method
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// A media type without parameters, lower-cased: `application/json`.
pub(crate) fn essence(media_type: &str) -> String {
    media_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// `application/json`, and any `+json` type such as `application/problem+json`.
pub(crate) fn is_json(essence: &str) -> bool {
    essence == "application/json" || essence.ends_with("+json") || essence == "text/json"
}

fn is_xml(essence: &str) -> bool {
    essence.ends_with("/xml") || essence.ends_with("+xml")
}

fn is_text(essence: &str) -> bool {
    essence.starts_with("text/") || is_xml(essence) || essence == "application/javascript"
}

/// Where a parameter goes.
fn location_of(p: &SpecParameter) -> ParameterLocation {
    match p {
        SpecParameter::Path { .. } => ParameterLocation::Path,
        SpecParameter::Query { .. } => ParameterLocation::Query,
        SpecParameter::Header { .. } => ParameterLocation::Header,
        SpecParameter::Cookie { .. } => ParameterLocation::Cookie,
    }
}

/// Whether a documented status can reach the code that decodes responses.
/// The client follows redirects itself, so 301, 302, 303, 307 and 308 never
/// do (one it cannot follow is an unexpected status); a 304 (or `3XX`) only
/// answers a conditional request. A redirect documented as a success would
/// otherwise turn the operation's value into an enum for a case that never
/// comes.
fn reaches_the_caller(status: StatusMatch, conditional: bool) -> bool {
    match status {
        StatusMatch::Code(301 | 302 | 303 | 307 | 308) => false,
        StatusMatch::Code(304) | StatusMatch::Range(3) => conditional,
        _ => true,
    }
}
