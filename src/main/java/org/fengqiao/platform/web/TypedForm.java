package org.fengqiao.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.ui.Model;

/**
 * A form's fields as the person typed them, carried back to the form when the server refused it, so that nothing
 * typed is lost: by name, the first value ({@code form['note']}); every value of a repeated field
 * ({@link #at}, {@link #has}); and the path the form was sent to ({@link #sentTo}), for a page with several forms
 * that share field names, and the row's id ({@link #row}) where a form repeats on every row. Strings only, as a
 * flash attribute lives in the session. Passwords and the CSRF token are never carried.
 */
public final class TypedForm extends LinkedHashMap<String, String> {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final LinkedHashMap<String, ArrayList<String>> values = new LinkedHashMap<>();

    private TypedForm(String path) {
        this.path = path;
    }

    /** The form typed and refused that this page's model carries back ({@link FormAnswers#FORM}), or no form. */
    public static TypedForm in(Model model) {
        return model.getAttribute(FormAnswers.FORM) instanceof TypedForm typed ? typed : none();
    }

    /** No form typed: every field reads empty, every page shows its defaults. */
    public static TypedForm none() {
        return new TypedForm(null);
    }

    /** The fields of the form a request sent, and the path it was sent to. */
    public static TypedForm of(HttpServletRequest request) {
        TypedForm form = new TypedForm(request.getRequestURI().substring(request.getContextPath().length()));
        for (Map.Entry<String, String[]> p : request.getParameterMap().entrySet()) {
            if (!kept(p.getKey()) || p.getValue() == null || p.getValue().length == 0) {
                continue;
            }
            form.put(p.getKey(), p.getValue()[0]);
            form.values.put(p.getKey(), new ArrayList<>(List.of(p.getValue())));
        }
        return form;
    }

    private static boolean kept(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return !n.equals("_csrf") && !n.contains("password") && !n.equals("secret");
    }

    /** This form if it was sent to {@code path}, otherwise no form: the one refused form on a page gets its fields back. */
    public TypedForm sentTo(String path) {
        return this.path != null && this.path.equals(path) ? this : none();
    }

    /**
     * This form if its field {@code name} was sent as {@code id}, otherwise no form: on a page of rows whose forms
     * share one path (an asset's state, a return's receipt), the row refused, told by its id, gets its fields back
     * and the others stay as they are.
     */
    public TypedForm row(String name, Object id) {
        return id != null && id.toString().equals(get(name)) ? this : none();
    }

    /** This form unless it has the field {@code name}, by which another form sent to the same path is told apart. */
    public TypedForm unless(String name) {
        return containsKey(name) ? none() : this;
    }

    /** The {@code i}-th value (from 0) of a repeated field, or null. */
    public String at(String name, int i) {
        List<String> all = values.get(name);
        return all == null || i < 0 || i >= all.size() ? null : all.get(i);
    }

    /** Whether a field (a checkbox, a multiple choice) was sent with this value. */
    public boolean has(String name, String value) {
        List<String> all = values.get(name);
        return all != null && all.contains(value);
    }

    /** Whether anything was typed: a page shows its defaults (a ticked box, today's date) only when nothing was. */
    public boolean typed() {
        return path != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TypedForm other && super.equals(o) && java.util.Objects.equals(path, other.path);
    }

    @Override
    public int hashCode() {
        return super.hashCode() * 31 + java.util.Objects.hashCode(path);
    }
}
