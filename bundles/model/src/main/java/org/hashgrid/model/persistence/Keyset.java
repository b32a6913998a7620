package org.hashgrid.model.persistence;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import javax.persistence.EntityManager;
import javax.persistence.criteria.CriteriaBuilder;
import javax.persistence.criteria.CriteriaQuery;
import javax.persistence.criteria.Expression;
import javax.persistence.criteria.Order;
import javax.persistence.criteria.Predicate;
import javax.persistence.criteria.Root;

import org.hashgrid.core.Page;
import org.hashgrid.core.PageRequest;

/**
 * The order of a paginated list as a keyset: one or more attributes, each ascending or
 * descending, ending with a unique one ({@code id}) so that every row has one place. A page is
 * one typed query, {@code WHERE <filter> AND (k1, k2, …) after <cursor> ORDER BY k1, k2, …
 * LIMIT n+1}, whatever the page's depth; the cursor carries the last row's key values.
 *
 * <pre>
 * static final Keyset&lt;User&gt; BY_CREATION = Keyset.of(User.class)
 *         .ascending("createdAt", User::getCreatedAt)
 *         .ascending("id", User::getId);
 * </pre>
 *
 * Key attributes may be {@code Long}, {@code Integer}, {@code String}, {@code Instant},
 * {@code LocalDate} or {@code BigDecimal}, and are never null. Immutable and thread-safe.
 */
public final class Keyset<E> {
    private static final char SEPARATOR = ',';

    private record Key<E>(String attribute, Function<E, ?> value, boolean descending) {
    }

    private final Class<E> type;
    private final List<Key<E>> keys;

    private Keyset(Class<E> type, List<Key<E>> keys) {
        this.type = type;
        this.keys = List.copyOf(keys);
    }

    /** A keyset on entity {@code type}, to be given its keys. */
    public static <E> Keyset<E> of(Class<E> type) {
        return new Keyset<>(type, List.of());
    }

    public Keyset<E> ascending(String attribute, Function<E, ?> value) {
        return with(new Key<>(attribute, value, false));
    }

    public Keyset<E> descending(String attribute, Function<E, ?> value) {
        return with(new Key<>(attribute, value, true));
    }

    private Keyset<E> with(Key<E> key) {
        List<Key<E>> more = new ArrayList<>(keys);
        more.add(key);
        return new Keyset<>(type, more);
    }

    /**
     * The page {@code request} asks for among the rows matching {@code filter}, each row mapped
     * by {@code map}; a cursor that does not fit this order answers 400.
     */
    public <T> Page<T> page(EntityManager em, Filter<E> filter, PageRequest request, Function<E, T> map) {
        if (keys.isEmpty()) {
            throw new IllegalStateException("A keyset needs at least one key");
        }
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<E> query = cb.createQuery(type);
        Root<E> root = query.from(type);
        List<Predicate> where = new ArrayList<>(filter.predicates(cb, root));
        if (request.after() != null) {
            where.add(after(cb, root, decode(em, request.after())));
        }
        List<Order> order = keys.stream()
                .map(key -> key.descending() ? cb.desc(root.get(key.attribute())) : cb.asc(root.get(key.attribute())))
                .toList();
        query.select(root).where(where.toArray(Predicate[]::new)).orderBy(order);
        List<E> rows = em.createQuery(query).setMaxResults(request.fetchSize()).getResultList();
        return Page.of(rows, request, this::keyOf, map);
    }

    /** (k1, k2, …) strictly after (v1, v2, …) in this order: k1 beyond v1, or k1 = v1 and k2 beyond v2, … */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    private Predicate after(CriteriaBuilder cb, Root<E> root, List<Comparable<?>> values) {
        List<Predicate> alternatives = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            List<Predicate> all = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                all.add(cb.equal(root.get(keys.get(j).attribute()), values.get(j)));
            }
            Key<E> key = keys.get(i);
            Expression<Comparable> path = root.get(key.attribute());
            Comparable value = values.get(i);
            all.add(key.descending() ? cb.lessThan(path, value) : cb.greaterThan(path, value));
            alternatives.add(cb.and(all.toArray(Predicate[]::new)));
        }
        return cb.or(alternatives.toArray(Predicate[]::new));
    }

    /** The sort key of a row as the cursor carries it: values escaped and joined by commas. */
    String keyOf(E row) {
        StringBuilder key = new StringBuilder();
        for (Key<E> k : keys) {
            if (key.length() > 0) {
                key.append(SEPARATOR);
            }
            key.append(String.valueOf(k.value().apply(row)).replace("%", "%25").replace(",", "%2C"));
        }
        return key.toString();
    }

    private List<Comparable<?>> decode(EntityManager em, String key) {
        String[] parts = key.split(String.valueOf(SEPARATOR), -1);
        if (parts.length != keys.size()) {
            throw PageRequest.foreignCursor();
        }
        List<Comparable<?>> values = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            Class<?> javaType = em.getMetamodel().entity(type).getAttribute(keys.get(i).attribute()).getJavaType();
            values.add(parse(javaType, parts[i].replace("%2C", ",").replace("%25", "%")));
        }
        return values;
    }

    private static Comparable<?> parse(Class<?> javaType, String text) {
        try {
            if (javaType == Long.class || javaType == long.class) {
                return Long.valueOf(text);
            }
            if (javaType == Integer.class || javaType == int.class) {
                return Integer.valueOf(text);
            }
            if (javaType == Instant.class) {
                return Instant.parse(text);
            }
            if (javaType == LocalDate.class) {
                return LocalDate.parse(text);
            }
            if (javaType == BigDecimal.class) {
                return new BigDecimal(text);
            }
            if (javaType == String.class) {
                return text;
            }
        } catch (RuntimeException e) {
            throw PageRequest.foreignCursor();
        }
        throw new IllegalStateException("Keyset attributes of type " + javaType.getName() + " are not supported");
    }
}
