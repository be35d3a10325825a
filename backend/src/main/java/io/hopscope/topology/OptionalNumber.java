package io.hopscope.topology;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a number where 0 means "not set" ({@code nodePort}, {@code endPort}, {@code hostPort},
 * ...): left out of the JSON, as Kubernetes leaves unset fields out, and read back as 0 when
 * absent.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@JacksonAnnotationsInside
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
@JsonSetter(nulls = Nulls.AS_EMPTY)
public @interface OptionalNumber {}
