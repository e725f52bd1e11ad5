package org.allianceportal.core.shared;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.allianceportal.core.shared.DomainException.InvalidInput;

/**
 * Keyset pagination of a long list (never OFFSET): a page continues after the last row's sort value and
 * id, compared as a row value, so rows with equal sort values are neither repeated nor skipped and every
 * page costs one index range whatever the position. The position travels in the URL as a token.
 */
public final class Keyset {

    private Keyset() {
    }

    /**
     * One way to sort a list, named in URLs by {@code name} and to people by {@code label}: {@code order} is the
     * SQL sort value (the table's alias is {@code t}), {@code text} the same value as text for the token,
     * {@code parse} reads the token's text back as what the driver binds.
     */
    public record Sort(String name, String label, String order, String text, Function<String, Object> parse, boolean descending) {

        /** The sort named in a URL; absent means the first; anything else is a field error. */
        public static Sort named(List<Sort> sorts, String name) {
            if (name == null || name.isBlank()) {
                return sorts.get(0);
            }
            return sorts.stream().filter(s -> s.name.equals(name.strip())).findFirst().orElseThrow(() -> new InvalidInput(
                    "sort", "Sort by one of " + sorts.stream().map(Sort::name).collect(Collectors.joining(", ")) + "."));
        }
    }

    /** Sorting by a point in time, carried in the token as microseconds since the epoch (what PostgreSQL keeps). */
    public static Sort byTime(String name, String label, String column, boolean descending) {
        return new Sort(name, label, column, "cast(floor(extract(epoch from " + column + ") * 1000000) as bigint)",
                micros -> Instant.EPOCH.plus(Long.parseLong(micros), ChronoUnit.MICROS), descending);
    }

    /** Sorting by a lifecycle's order: the constants of the enum stored in {@code column} as they are declared. */
    public static Sort byOrder(String name, String label, String column, Enum<?>[] values) {
        String ordinal = ordinal(column, values);
        return new Sort(name, label, ordinal, ordinal, Integer::valueOf, false);
    }

    /** Sorting by a title, ignoring case. */
    public static Sort byTitle(String column) {
        return new Sort("title", "By title", "lower(" + column + ")", "lower(" + column + ")", text -> text, false);
    }

    private static String ordinal(String column, Enum<?>[] values) {
        return "case " + column + " " + Arrays.stream(values).map(v -> "when '" + v.name() + "' then " + v.ordinal())
                .collect(Collectors.joining(" ")) + " end";
    }

    /** A list's conditions and their parameters; a filter left empty (a null value) adds nothing. */
    public static final class Where {
        final List<String> conditions = new ArrayList<>();
        final Map<String, Object> params = new HashMap<>();

        /** Adds {@code condition}, whose parameter {@code :name} is {@code value}, unless the value is null. */
        public Where and(String condition, String name, Object value) {
            if (value != null) {
                conditions.add(condition);
                params.put(name, value);
            }
            return this;
        }

        /**
         * Adds {@code column in (:name)} for the names of {@code values} (an enum stored by name), unless there
         * are none: one condition for one value or several, as a filter on the index range the order reads.
         */
        public Where in(String column, String name, Collection<? extends Enum<?>> values) {
            return and(column + " in (:" + name + ")", name,
                    values == null || values.isEmpty() ? null : values.stream().map(Enum::name).toList());
        }
    }

    /** The rows of one alliance: the start of every list's conditions. */
    public static Where ofAlliance(long allianceId) {
        return new Where().and("t.alliance_id = :alliance", "alliance", allianceId);
    }

    /** One page of ids, and the token of the page after it (null on the last page). */
    public record Page(List<Long> ids, String next) {
    }

    /**
     * The ids of one page: {@code from} names the table as {@code t}, {@code where} the conditions, continuing
     * after {@code after} (a token of an earlier page, or null).
     */
    public static Page ids(EntityManager em, String from, Where where, Sort sort, String after, int size) {
        List<String> conditions = new ArrayList<>(where.conditions);
        Map<String, Object> all = new HashMap<>(where.params);
        if (after != null && !after.isBlank()) {
            int split = after.lastIndexOf('~');
            try {
                all.put("afterKey", sort.parse().apply(after.substring(0, split)));
                all.put("afterId", Long.parseLong(after.substring(split + 1)));
            } catch (RuntimeException e) {
                throw new InvalidInput("after", "This page link is damaged or belongs to another sort order: "
                        + "start again from the first page.");
            }
            conditions.add("(" + sort.order() + ", t.id) " + (sort.descending() ? "<" : ">") + " (:afterKey, :afterId)");
        }
        String direction = sort.descending() ? " desc" : "";
        var query = em.createNativeQuery("select t.id, " + sort.text() + " from " + from + " where "
                + String.join(" and ", conditions) + " order by " + sort.order() + direction + ", t.id" + direction
                + " limit " + (size + 1));
        all.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        List<Long> ids = rows.stream().limit(size).map(r -> ((Number) r[0]).longValue()).toList();
        String next = null;
        if (rows.size() > size) {
            Object[] last = rows.get(size - 1);
            next = last[1] + "~" + last[0];
        }
        return new Page(ids, next);
    }

    /** The page's rows, loaded by id with {@code load} (no statement for an empty page), in the page's order. */
    public static <T> List<T> rows(Page page, Function<List<Long>, List<T>> load, Function<T, Long> id) {
        if (page.ids().isEmpty()) {
            return List.of();
        }
        Map<Long, T> byId = load.apply(page.ids()).stream().collect(Collectors.toMap(id, e -> e));
        return page.ids().stream().map(byId::get).toList();
    }
}
