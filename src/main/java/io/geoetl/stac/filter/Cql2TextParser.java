package io.geoetl.stac.filter;

import io.geoetl.stac.filter.Cql2Lexer.Kind;
import io.geoetl.stac.filter.Cql2Lexer.Token;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Recursive-descent parser for CQL2-text (OGC 21-065, the BNF of annex B), for the operators geoetl
 * supports; everything else in the grammar (arrays, CASEI/ACCENTI, arithmetic, functions) is recognised
 * and rejected by name.
 */
final class Cql2TextParser {
    /** Words that start or join predicates, so they cannot be unquoted property names. */
    private static final Set<String> RESERVED = Set.of("AND", "OR", "NOT", "LIKE", "BETWEEN", "IN", "IS", "NULL");
    private static final Set<String> ARITHMETIC = Set.of("+", "-", "*", "/", "%", "^");
    private static final int MAX_NESTING = 100;

    private final List<Token> tokens;
    private int index;
    private int nesting;

    private Cql2TextParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static Condition parse(String text) {
        if (text == null || text.isBlank()) throw FilterException.invalid("the filter is empty");
        Cql2TextParser parser = new Cql2TextParser(Cql2Lexer.tokens(text));
        Condition condition = parser.orExpression();
        Token rest = parser.peek();
        if (rest.kind() != Kind.END) {
            throw parser.unexpected(rest, "AND, OR or the end of the filter");
        }
        return condition;
    }

    private Condition orExpression() {
        if (++nesting > MAX_NESTING) {
            throw FilterException.invalid("the filter nests deeper than " + MAX_NESTING + " levels at position " + peek().position());
        }
        List<Condition> terms = new ArrayList<>(List.of(andExpression()));
        while (peek().isKeyword("OR")) {
            next();
            terms.add(andExpression());
        }
        nesting--;
        return terms.size() == 1 ? terms.get(0) : new Condition.Or(terms);
    }

    private Condition andExpression() {
        List<Condition> factors = new ArrayList<>(List.of(factor()));
        while (peek().isKeyword("AND")) {
            next();
            factors.add(factor());
        }
        return factors.size() == 1 ? factors.get(0) : new Condition.And(factors);
    }

    private Condition factor() {
        if (peek().isKeyword("NOT")) {
            next();
            if (++nesting > MAX_NESTING) {
                throw FilterException.invalid("the filter nests deeper than " + MAX_NESTING + " levels at position " + peek().position());
            }
            Condition negated = new Condition.Not(factor());
            nesting--;
            return negated;
        }
        return primary();
    }

    private Condition primary() {
        Token token = peek();
        if (token.isSymbol("(")) {
            next();
            Condition inner = orExpression();
            expectSymbol(")");
            return inner;
        }
        if (token.kind() == Kind.IDENTIFIER && peekAt(1).isSymbol("(")) {
            var spatial = SpatialOperator.byName(token.text());
            if (spatial.isPresent()) return spatialPredicate(spatial.get());
            var temporal = TemporalOperator.byName(token.text());
            if (temporal.isPresent()) return temporalPredicate(temporal.get());
            if (token.text().toUpperCase(Locale.ROOT).startsWith("A_")) {
                throw unsupported(token, "array predicates");
            }
        }
        return predicate();
    }

    private Condition spatialPredicate(SpatialOperator operator) {
        Token name = next();
        Operand[] args = twoArguments();
        return build(name, () -> new Condition.Spatial(operator, args[0], args[1]));
    }

    private Condition temporalPredicate(TemporalOperator operator) {
        Token name = next();
        Operand[] args = twoArguments();
        return build(name, () -> new Condition.Temporal(operator, args[0], args[1]));
    }

    /** {@code (a, b)} after a function name. */
    private Operand[] twoArguments() {
        expectSymbol("(");
        Operand left = operand();
        expectSymbol(",");
        Operand right = operand();
        expectSymbol(")");
        return new Operand[] {left, right};
    }

    /** A comparison, LIKE, BETWEEN, IN or IS NULL that starts with {@code left}; or a lone TRUE/FALSE. */
    private Condition predicate() {
        Token start = peek();
        Operand left = operand();
        Token token = peek();
        if (token.isKeyword("IS")) {
            next();
            boolean negated = acceptKeyword("NOT");
            expectKeyword("NULL");
            return negate(negated, build(start, () -> new Condition.IsNull(left)));
        }
        boolean negated = false;
        if (token.isKeyword("NOT")) {
            next();
            negated = true;
            token = peek();
            if (!token.isKeyword("LIKE") && !token.isKeyword("BETWEEN") && !token.isKeyword("IN")) {
                throw unexpected(token, "LIKE, BETWEEN or IN after NOT");
            }
        }
        if (token.isKeyword("LIKE")) {
            next();
            String pattern = likePattern();
            return negate(negated, build(start, () -> new Condition.Like(left, pattern)));
        }
        if (token.isKeyword("BETWEEN")) {
            next();
            Operand low = operand();
            expectKeyword("AND");
            Operand high = operand();
            return negate(negated, build(start, () -> new Condition.Between(left, low, high)));
        }
        if (token.isKeyword("IN")) {
            next();
            List<Operand> list = inList();
            return negate(negated, build(start, () -> new Condition.In(left, list)));
        }
        Optional<ComparisonOperator> comparison =
                token.kind() == Kind.SYMBOL ? ComparisonOperator.bySymbol(token.text()) : Optional.empty();
        if (comparison.isPresent()) {
            next();
            Operand right = operand();
            rejectArithmetic();
            return build(start, () -> new Condition.Comparison(comparison.get(), left, right));
        }
        if (left instanceof BooleanLiteral literal) return literal;
        rejectArithmetic();
        throw unexpected(token, "a comparison (=, <>, <, <=, >, >=), LIKE, BETWEEN, IN or IS NULL after the "
                + left.describe());
    }

    private String likePattern() {
        Token token = next();
        if (token.kind() == Kind.STRING) return token.text();
        if (token.isKeyword("CASEI") || token.isKeyword("ACCENTI")) throw unsupported(token, "case- and accent-insensitive comparison");
        throw unexpected(token, "a pattern string after LIKE");
    }

    private List<Operand> inList() {
        expectSymbol("(");
        List<Operand> list = new ArrayList<>(List.of(operand()));
        while (acceptSymbol(",")) list.add(operand());
        expectSymbol(")");
        return list;
    }

    /** A property, a literal, or one of the literal constructors (TIMESTAMP, DATE, INTERVAL, BBOX, WKT). */
    private Operand operand() {
        Token token = peek();
        if (token.isSymbol("-") || token.isSymbol("+")) return signedNumber();
        switch (token.kind()) {
            case NUMBER -> {
                return signedNumber();
            }
            case STRING -> {
                next();
                return new Operand.StringLiteral(token.text());
            }
            case QUOTED_IDENTIFIER -> {
                next();
                return new Operand.Property(token.text());
            }
            case IDENTIFIER -> {
                return identifierOperand();
            }
            default -> {
                if (token.isSymbol("(")) {
                    throw unsupported(token, "arithmetic and array expressions");
                }
                throw unexpected(token, "a property or a value");
            }
        }
    }

    private Operand identifierOperand() {
        Token token = peek();
        String upper = token.text().toUpperCase(Locale.ROOT);
        if (upper.equals("TRUE") || upper.equals("FALSE")) {
            next();
            return new BooleanLiteral(upper.equals("TRUE"));
        }
        if (RESERVED.contains(upper)) throw unexpected(token, "a property or a value (quote a property named " + upper
                + " as \"" + token.text() + "\")");
        if (WktReader.isGeometryTag(upper) && (peekAt(1).isSymbol("(") || peekAt(1).isKeyword("Z") || peekAt(1).isKeyword("EMPTY"))) {
            return new WktReader(this).geometry();
        }
        if (!peekAt(1).isSymbol("(")) {
            next();
            return new Operand.Property(token.text());
        }
        return switch (upper) {
            case "TIMESTAMP" -> build(token, () -> TemporalLiterals.timestamp(singleStringArgument()));
            case "DATE" -> build(token, () -> TemporalLiterals.date(singleStringArgument()));
            case "INTERVAL" -> interval();
            case "BBOX" -> bbox();
            case "CASEI", "ACCENTI" -> throw unsupported(token, "case- and accent-insensitive comparison");
            default -> {
                if (upper.startsWith("S_") || upper.startsWith("T_") || upper.startsWith("A_")) {
                    throw FilterException.unsupported("'" + token.text() + "' at position " + token.position()
                            + " is a predicate; it cannot stand where a value is expected");
                }
                throw FilterException.unsupported("function '" + token.text() + "' at position " + token.position()
                        + " is not supported: CQL2 functions are not offered");
            }
        };
    }

    private String singleStringArgument() {
        next();
        expectSymbol("(");
        Token value = next();
        if (value.kind() != Kind.STRING) throw unexpected(value, "a quoted string");
        expectSymbol(")");
        return value.text();
    }

    private Operand interval() {
        Token name = next();
        expectSymbol("(");
        Operand start = intervalEnd();
        expectSymbol(",");
        Operand end = intervalEnd();
        expectSymbol(")");
        return build(name, () -> new Operand.IntervalLiteral(start, end));
    }

    private Operand intervalEnd() {
        Token token = next();
        return switch (token.kind()) {
            case STRING -> build(token, () -> TemporalLiterals.intervalEnd(token.text()));
            case IDENTIFIER, QUOTED_IDENTIFIER -> new Operand.Property(token.text());
            default -> throw unexpected(token, "'..', a date, a timestamp or a property as an end of the interval");
        };
    }

    private Operand bbox() {
        Token name = next();
        expectSymbol("(");
        List<Double> values = new ArrayList<>(List.of(signedNumber().value().doubleValue()));
        while (acceptSymbol(",")) values.add(signedNumber().value().doubleValue());
        expectSymbol(")");
        return build(name, () -> new Operand.BboxLiteral(values));
    }

    Operand.NumberLiteral signedNumber() {
        Token token = next();
        boolean negative = false;
        if (token.isSymbol("-") || token.isSymbol("+")) {
            negative = token.isSymbol("-");
            token = next();
        }
        if (token.kind() != Kind.NUMBER) throw unexpected(token, "a number");
        BigDecimal value = new BigDecimal(token.text());
        return new Operand.NumberLiteral(negative ? value.negate() : value);
    }

    /** After a complete operand, {@code + - * / % ^} or {@code div} can only be arithmetic, which is not supported. */
    private void rejectArithmetic() {
        Token token = peek();
        if ((token.kind() == Kind.SYMBOL && ARITHMETIC.contains(token.text())) || token.isKeyword("DIV")) {
            throw unsupported(token, "arithmetic");
        }
    }

    private static Condition negate(boolean negated, Condition condition) {
        return negated ? new Condition.Not(condition) : condition;
    }

    /** Builds a node; a problem it finds with its operands is reported at the node's first token. */
    private static <T> T build(Token at, Supplier<T> node) {
        try {
            return node.get();
        } catch (FilterException e) {
            throw e.at("at position " + at.position());
        }
    }

    Token peek() {
        return tokens.get(index);
    }

    Token peekAt(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    Token next() {
        Token token = tokens.get(index);
        if (token.kind() != Kind.END) index++;
        return token;
    }

    boolean acceptSymbol(String symbol) {
        if (!peek().isSymbol(symbol)) return false;
        next();
        return true;
    }

    private boolean acceptKeyword(String keyword) {
        if (!peek().isKeyword(keyword)) return false;
        next();
        return true;
    }

    void expectSymbol(String symbol) {
        Token token = next();
        if (!token.isSymbol(symbol)) throw unexpected(token, "'" + symbol + "'");
    }

    private void expectKeyword(String keyword) {
        Token token = next();
        if (!token.isKeyword(keyword)) throw unexpected(token, keyword);
    }

    FilterException unexpected(Token token, String expected) {
        if (token.kind() == Kind.END) return FilterException.invalid("the filter ends too early: expected " + expected);
        return FilterException.invalid("unexpected " + token.describe() + " at position " + token.position() + ": expected "
                + expected);
    }

    private static FilterException unsupported(Token token, String what) {
        return FilterException.unsupported(token.describe() + " at position " + token.position() + " is not supported ("
                + what + ")");
    }
}
