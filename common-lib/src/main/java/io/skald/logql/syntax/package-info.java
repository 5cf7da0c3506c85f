/**
 * LogQL syntax: lexer, recursive-descent parser, AST (sealed interfaces and records), printer and Loki's parse-error
 * texts. Entry points: {@link io.skald.logql.syntax.LogqlParser#parse(String)} and
 * {@link io.skald.logql.syntax.LogqlPrinter#print(Expr)}.
 */
package io.skald.logql.syntax;
