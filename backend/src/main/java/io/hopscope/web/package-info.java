/**
 * The HTTP edge: REST API under {@code /api/v1}, the Thymeleaf pages, server-sent events, problem
 * responses and token authentication. Resolves the state a request is about (live or a snapshot),
 * asks the engines, and adds what only an answer needs (rendered diagrams, links).
 */
package io.hopscope.web;
