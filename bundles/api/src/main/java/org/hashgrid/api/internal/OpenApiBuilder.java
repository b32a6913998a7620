package org.hashgrid.api.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import javax.annotation.security.PermitAll;
import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.HttpMethod;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;

import org.hashgrid.api.RestApi;
import org.hashgrid.core.Doc;
import org.hashgrid.core.Page;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/**
 * Builds an OpenAPI 3.0 document by reflection over JAX-RS resource classes: paths and
 * methods, path/query/header parameters, JSON bodies and responses from DTO records (snake_case,
 * as on the wire), {@link Doc} descriptions, and security from {@code @PermitAll} /
 * {@code @RolesAllowed}. Keeping it reflective means the document cannot drift from the code.
 */
final class OpenApiBuilder {
    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private final Map<String, Object> paths = new TreeMap<>();
    private final Map<String, Object> schemas = new TreeMap<>();
    private final Map<String, Object> tags = new TreeMap<>();

    OpenApiBuilder add(Class<?> resource) {
        Path classPath = resource.getAnnotation(Path.class);
        if (classPath == null) {
            return this;
        }
        String tag = tagOf(classPath.value());
        Doc classDoc = resource.getAnnotation(Doc.class);
        tags.putIfAbsent(tag,
                classDoc == null ? Map.of("name", tag) : Map.of("name", tag, "description", classDoc.value()));
        for (Endpoint endpoint : endpoints(resource)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(endpoint.template(),
                    p -> new TreeMap<>());
            item.put(endpoint.method().toLowerCase(Locale.ROOT), operation(resource, endpoint.javaMethod(), tag));
        }
        return this;
    }

    /** One operation of a resource: its path template under the API base, HTTP method and access. */
    record Endpoint(String template, String method, boolean isPublic, Method javaMethod) {
    }

    /** The operations {@code resource} declares, ordered by Java method name. */
    static List<Endpoint> endpoints(Class<?> resource) {
        Path classPath = resource.getAnnotation(Path.class);
        if (classPath == null) {
            return List.of();
        }
        Method[] methods = resource.getMethods();
        Arrays.sort(methods, Comparator.comparing(Method::getName));
        List<Endpoint> endpoints = new ArrayList<>();
        for (Method method : methods) {
            String httpMethod = httpMethodOf(method);
            if (httpMethod != null) {
                Path methodPath = method.getAnnotation(Path.class);
                endpoints.add(new Endpoint(
                        join(RestApi.BASE_PATH, classPath.value(), methodPath == null ? "" : methodPath.value()),
                        httpMethod, isPublic(resource, method), method));
            }
        }
        return endpoints;
    }

    Map<String, Object> build() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", "Hashgrid API", "version", "1",
                "description", "REST API of Hashgrid. Units: hashrate TH/s, power W, temperature °C, fan speed RPM, "
                        + "capacity and reductions MW, money USD; timestamps ISO-8601 UTC. Errors are RFC 9457 "
                        + "application/problem+json."));
        doc.put("tags", List.copyOf(tags.values()));
        doc.put("paths", paths);
        doc.put("components", Map.of("schemas", schemas, "securitySchemes",
                Map.of("bearer", Map.of("type", "http", "scheme", "bearer"))));
        doc.put("security", List.of(Map.of("bearer", List.of())));
        return doc;
    }

    private Map<String, Object> operation(Class<?> resource, Method method, String tag) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("operationId", resource.getSimpleName() + "_" + method.getName());
        op.put("tags", List.of(tag));
        Doc doc = method.getAnnotation(Doc.class);
        if (doc != null) {
            op.put("summary", doc.value());
        }
        List<Map<String, Object>> parameters = new ArrayList<>();
        for (Parameter parameter : method.getParameters()) {
            Map<String, Object> described = parameter(parameter);
            if (described != null) {
                parameters.add(described);
            } else if (isBody(parameter)) {
                op.put("requestBody", Map.of("required", true, "content",
                        Map.of(consumes(resource, method),
                                Map.of("schema", schema(parameter.getParameterizedType())))));
            }
        }
        if (!parameters.isEmpty()) {
            op.put("parameters", parameters);
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        Type returned = method.getGenericReturnType();
        if (returned == void.class) {
            responses.put("204", Map.of("description", "Done"));
        } else if (returned == Response.class) {
            responses.put("default", Map.of("description", "See summary"));
        } else {
            responses.put("200", Map.of("description", "OK", "content",
                    Map.of("application/json", Map.of("schema", schema(returned)))));
        }
        responses.put("4XX", Map.of("description", "Problem", "content",
                Map.of(RestApi.PROBLEM_JSON, Map.of("schema", schema(org.hashgrid.api.Problem.class)))));
        op.put("responses", responses);
        if (isPublic(resource, method)) {
            op.put("security", List.of());
        } else {
            RolesAllowed roles = method.isAnnotationPresent(RolesAllowed.class)
                    ? method.getAnnotation(RolesAllowed.class) : resource.getAnnotation(RolesAllowed.class);
            if (roles != null) {
                op.put("x-roles", List.of(roles.value()));
            }
        }
        return op;
    }

    static boolean isPublic(Class<?> resource, Method method) {
        return method.isAnnotationPresent(PermitAll.class)
                || (resource.isAnnotationPresent(PermitAll.class) && !method.isAnnotationPresent(RolesAllowed.class));
    }

    private Map<String, Object> parameter(Parameter parameter) {
        String in;
        String name;
        if (parameter.isAnnotationPresent(PathParam.class)) {
            in = "path";
            name = parameter.getAnnotation(PathParam.class).value();
        } else if (parameter.isAnnotationPresent(QueryParam.class)) {
            in = "query";
            name = parameter.getAnnotation(QueryParam.class).value();
        } else if (parameter.isAnnotationPresent(HeaderParam.class)) {
            in = "header";
            name = parameter.getAnnotation(HeaderParam.class).value();
        } else {
            return null;
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        p.put("in", in);
        p.put("required", "path".equals(in));
        Map<String, Object> schema = new LinkedHashMap<>(schema(parameter.getParameterizedType()));
        DefaultValue defaultValue = parameter.getAnnotation(DefaultValue.class);
        if (defaultValue != null) {
            schema.put("default", defaultValue.value());
        }
        p.put("schema", schema);
        Doc doc = parameter.getAnnotation(Doc.class);
        if (doc != null) {
            p.put("description", doc.value());
        }
        return p;
    }

    private static boolean isBody(Parameter parameter) {
        for (Annotation a : parameter.getAnnotations()) {
            if (a.annotationType() == Context.class || a.annotationType().getPackageName().equals("javax.ws.rs")) {
                return false;
            }
        }
        return true;
    }

    private Map<String, Object> schema(Type type) {
        if (type instanceof ParameterizedType generic) {
            Class<?> raw = (Class<?>) generic.getRawType();
            Type[] args = generic.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                return Map.of("type", "array", "items", schema(args[0]));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return Map.of("type", "object", "additionalProperties", schema(args[1]));
            }
            if (raw == Page.class) {
                return Map.of("type", "object", "properties", Map.of(
                        "items", Map.of("type", "array", "items", schema(args[0])),
                        "next_cursor", Map.of("type", "string", "nullable", true,
                                "description", "Opaque cursor of the next page; absent on the last page")));
            }
            return schema(raw);
        }
        if (!(type instanceof Class<?> c)) {
            return Map.of();
        }
        if (c == String.class || c == UUID.class) {
            return Map.of("type", "string");
        }
        if (c == Long.class || c == long.class || c == BigInteger.class) {
            return Map.of("type", "integer", "format", "int64");
        }
        if (c == Integer.class || c == int.class || c == Short.class || c == short.class) {
            return Map.of("type", "integer", "format", "int32");
        }
        if (c == BigDecimal.class || c == Double.class || c == double.class || c == Float.class || c == float.class) {
            return Map.of("type", "number");
        }
        if (c == Boolean.class || c == boolean.class) {
            return Map.of("type", "boolean");
        }
        if (c == Instant.class || c == OffsetDateTime.class) {
            return Map.of("type", "string", "format", "date-time");
        }
        if (c == LocalDate.class) {
            return Map.of("type", "string", "format", "date");
        }
        if (c.isEnum()) {
            return Map.of("type", "string", "enum", Arrays.stream(c.getEnumConstants()).map(Object::toString).toList());
        }
        if (c.isArray()) {
            return Map.of("type", "array", "items", schema(c.getComponentType()));
        }
        if (c.isRecord()) {
            String name = c.getSimpleName();
            if (!schemas.containsKey(name)) {
                schemas.put(name, Map.of());
                Map<String, Object> properties = new LinkedHashMap<>();
                for (RecordComponent component : c.getRecordComponents()) {
                    Map<String, Object> property = new LinkedHashMap<>(schema(component.getGenericType()));
                    Doc doc = component.getAnnotation(Doc.class);
                    if (doc != null) {
                        property.put("description", doc.value());
                    }
                    properties.put(SNAKE.translate(component.getName()), property);
                }
                Map<String, Object> record = new LinkedHashMap<>();
                record.put("type", "object");
                record.put("properties", properties);
                Doc doc = c.getAnnotation(Doc.class);
                if (doc != null) {
                    record.put("description", doc.value());
                }
                schemas.put(name, record);
            }
            return Map.of("$ref", "#/components/schemas/" + name);
        }
        return Map.of("type", "object");
    }

    private static String consumes(Class<?> resource, Method method) {
        Consumes consumes = method.isAnnotationPresent(Consumes.class)
                ? method.getAnnotation(Consumes.class) : resource.getAnnotation(Consumes.class);
        return consumes == null || consumes.value().length == 0 ? "application/json" : consumes.value()[0];
    }

    private static String httpMethodOf(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    private static String tagOf(String classPath) {
        String trimmed = classPath.startsWith("/") ? classPath.substring(1) : classPath;
        int slash = trimmed.indexOf('/');
        return slash < 0 ? trimmed : trimmed.substring(0, slash);
    }

    static String join(String... parts) {
        StringBuilder path = new StringBuilder();
        for (String part : parts) {
            for (String segment : part.split("/")) {
                if (!segment.isEmpty()) {
                    path.append('/').append(segment.replaceAll("\\{(\\w+)\\s*:[^}]*}", "{$1}"));
                }
            }
        }
        return path.length() == 0 ? "/" : path.toString();
    }
}
