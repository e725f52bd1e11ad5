package org.allianceportal.portal;

import static org.assertj.core.api.Assertions.fail;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.resteasy.reactive.RestForm;

/** Every page, form and API route of the compiled portal, found by reflection, so tests cannot miss a new one. */
record Route(String verb, String path, Method method) {

    @Override
    public String toString() {
        return verb + " " + path;
    }

    /** The form fields the route reads ({@code @RestForm} parameters), by name. */
    List<String> formFields() {
        List<String> fields = new ArrayList<>();
        for (Parameter p : method.getParameters()) {
            RestForm form = p.getAnnotation(RestForm.class);
            if (form != null) {
                fields.add(form.value().isEmpty() ? p.getName() : form.value());
            }
        }
        return fields;
    }

    /** This route's path with its {parameters} filled in. */
    String fill(Map<String, Long> values) {
        return fill(path, values);
    }

    /** A path with its {parameters} filled in; a parameter without a value fails the test. */
    static String fill(String path, Map<String, Long> values) {
        Matcher m = Pattern.compile("\\{(\\w+)}").matcher(path);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Long value = values.get(m.group(1));
            if (value == null) {
                fail("No value for {" + m.group(1) + "} in " + path + ": teach the test one.");
            }
            m.appendReplacement(out, String.valueOf(value));
        }
        return m.appendTail(out).toString();
    }

    /** All GET and POST routes of the compiled portal classes (Surefire runs in the module's folder). */
    static List<Route> all() throws IOException, ClassNotFoundException {
        java.nio.file.Path root = Paths.get("target", "classes");
        List<Route> routes = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.walk(root)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, Route.class.getClassLoader());
                Path classPath = type.getAnnotation(Path.class);
                if (classPath == null) {
                    continue;
                }
                for (Method method : type.getDeclaredMethods()) {
                    String verb = method.isAnnotationPresent(GET.class) ? "GET"
                            : method.isAnnotationPresent(POST.class) ? "POST"
                            : method.isAnnotationPresent(PUT.class) ? "PUT" : null;
                    if (verb == null) {
                        continue;
                    }
                    Path methodPath = method.getAnnotation(Path.class);
                    String path = ("/" + classPath.value() + "/" + (methodPath == null ? "" : methodPath.value()))
                            .replaceAll("/+", "/").replaceAll("(.)/$", "$1");
                    routes.add(new Route(verb, path, method));
                }
            }
        }
        return routes;
    }
}
