package io.geoetl.stac.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Splits CQL2-text into tokens, each with its 1-based position for error messages. */
final class Cql2Lexer {
    enum Kind { IDENTIFIER, QUOTED_IDENTIFIER, STRING, NUMBER, SYMBOL, END }

    record Token(Kind kind, String text, int position) {
        boolean isSymbol(String symbol) {
            return kind == Kind.SYMBOL && text.equals(symbol);
        }

        boolean isKeyword(String keyword) {
            return kind == Kind.IDENTIFIER && text.equalsIgnoreCase(keyword);
        }

        /** How the token reads in an error message. */
        String describe() {
            return switch (kind) {
                case END -> "the end of the filter";
                case STRING -> "the string '" + text + "'";
                case QUOTED_IDENTIFIER -> "\"" + text + "\"";
                default -> "'" + text + "'";
            };
        }
    }

    private static final Set<String> TWO_CHARACTER_SYMBOLS = Set.of("<>", "<=", ">=");
    private static final String ONE_CHARACTER_SYMBOLS = "(),=<>+-*/%^[]";

    private final String text;
    private int index;

    private Cql2Lexer(String text) {
        this.text = text;
    }

    static List<Token> tokens(String text) {
        return new Cql2Lexer(text).all();
    }

    private List<Token> all() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            while (index < text.length() && Character.isWhitespace(text.charAt(index))) index++;
            if (index >= text.length()) {
                tokens.add(new Token(Kind.END, "", index + 1));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token next() {
        int start = index;
        char c = text.charAt(index);
        if (c == '\'') return string(start);
        if (c == '"') return quotedIdentifier(start);
        if (Character.isDigit(c) || (c == '.' && index + 1 < text.length() && Character.isDigit(text.charAt(index + 1)))) {
            return number(start);
        }
        if (isIdentifierStart(c)) {
            index++;
            while (index < text.length() && isIdentifierPart(text.charAt(index))) index++;
            return new Token(Kind.IDENTIFIER, text.substring(start, index), start + 1);
        }
        if (index + 1 < text.length() && TWO_CHARACTER_SYMBOLS.contains(text.substring(index, index + 2))) {
            index += 2;
            return new Token(Kind.SYMBOL, text.substring(start, index), start + 1);
        }
        if (ONE_CHARACTER_SYMBOLS.indexOf(c) >= 0) {
            index++;
            return new Token(Kind.SYMBOL, String.valueOf(c), start + 1);
        }
        if (text.startsWith("!=", index)) {
            throw FilterException.invalid("'!=' at position " + (start + 1) + " is not CQL2: write '<>' for 'not equal'");
        }
        throw FilterException.invalid("unexpected character '" + c + "' at position " + (start + 1));
    }

    /** {@code '…'}, where {@code ''} and {@code \'} stand for one quote. */
    private Token string(int start) {
        StringBuilder value = new StringBuilder();
        index++;
        while (index < text.length()) {
            char c = text.charAt(index);
            if (c == '\'' && index + 1 < text.length() && text.charAt(index + 1) == '\'') {
                value.append('\'');
                index += 2;
            } else if (c == '\\' && index + 1 < text.length() && text.charAt(index + 1) == '\'') {
                value.append('\'');
                index += 2;
            } else if (c == '\'') {
                index++;
                return new Token(Kind.STRING, value.toString(), start + 1);
            } else {
                value.append(c);
                index++;
            }
        }
        throw FilterException.invalid("the string that starts at position " + (start + 1) + " has no closing quote (')");
    }

    private Token quotedIdentifier(int start) {
        int end = text.indexOf('"', start + 1);
        if (end < 0) {
            throw FilterException.invalid("the quoted property name at position " + (start + 1) + " has no closing quote (\")");
        }
        if (end == start + 1) throw FilterException.invalid("the quoted property name at position " + (start + 1) + " is empty");
        index = end + 1;
        return new Token(Kind.QUOTED_IDENTIFIER, text.substring(start + 1, end), start + 1);
    }

    /** Digits with an optional fraction and exponent; a sign is a token of its own. */
    private Token number(int start) {
        digits();
        if (index < text.length() && text.charAt(index) == '.') {
            index++;
            digits();
        }
        if (index < text.length() && (text.charAt(index) == 'e' || text.charAt(index) == 'E')) {
            int exponent = index++;
            if (index < text.length() && (text.charAt(index) == '+' || text.charAt(index) == '-')) index++;
            if (index >= text.length() || !Character.isDigit(text.charAt(index))) {
                throw FilterException.invalid("the number at position " + (start + 1) + " has an exponent without digits (at "
                        + "position " + (exponent + 1) + ")");
            }
            digits();
        }
        if (index < text.length() && isIdentifierStart(text.charAt(index))) {
            throw FilterException.invalid("the number at position " + (start + 1) + " runs into '" + text.charAt(index)
                    + "': put a space between them");
        }
        return new Token(Kind.NUMBER, text.substring(start, index), start + 1);
    }

    private void digits() {
        while (index < text.length() && Character.isDigit(text.charAt(index))) index++;
    }

    /** CQL2's identifierStart: letters, {@code _} and {@code :}. */
    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_' || c == ':';
    }

    /** CQL2's identifierPart: also digits, {@code .} and combining marks. */
    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || Character.isDigit(c) || c == '.'
                || Character.getType(c) == Character.NON_SPACING_MARK || c == '\u203F' || c == '\u2040';
    }
}
