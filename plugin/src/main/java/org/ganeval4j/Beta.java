package org.ganeval4j;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks public API that may still change in a minor release: its signatures or behaviour can move
 * before 1.0 without a deprecation cycle. Everything public outside an {@code internal} package and
 * without this mark follows semantic versioning; {@code internal} packages are not API at all.
 *
 * <p>On a package ({@code package-info.java}) it covers every type in it.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD, ElementType.PACKAGE})
public @interface Beta {
}
