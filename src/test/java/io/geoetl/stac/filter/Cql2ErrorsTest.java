package io.geoetl.stac.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A filter that cannot be run fails with a message naming the token, position, path or operator at fault. */
class Cql2ErrorsTest {

    private static FilterException textError(String text) {
        try {
            Cql2.parseText(text);
        } catch (FilterException e) {
            return e;
        }
        throw new AssertionError("no error for " + text);
    }

    private static FilterException jsonError(String json) {
        try {
            Cql2.parseJson(json.replace('\'', '"'));
        } catch (FilterException e) {
            return e;
        }
        throw new AssertionError("no error for " + json);
    }

    @Test
    void syntaxErrorsNameTheTokenAndItsPosition() {
        assertThat(textError("eo:cloud_cover < ").getMessage()).isEqualTo("the filter ends too early: expected a property or a value");
        assertThat(textError("eo:cloud_cover < 10 AND").getMessage()).contains("ends too early");
        assertThat(textError("eo:cloud_cover 10").getMessage())
                .isEqualTo("unexpected '10' at position 16: expected a comparison (=, <>, <, <=, >, >=), LIKE, BETWEEN, "
                        + "IN or IS NULL after the property 'eo:cloud_cover'");
        assertThat(textError("(id = 'a'").getMessage()).isEqualTo("the filter ends too early: expected ')'");
        assertThat(textError("id = 'a')").getMessage()).isEqualTo("unexpected ')' at position 9: expected AND, OR or the end "
                + "of the filter");
        assertThat(textError("id = 'a").getMessage()).isEqualTo("the string that starts at position 6 has no closing quote (')");
        assertThat(textError("id != 'a'").getMessage()).contains("'!=' at position 4").contains("'<>'");
        assertThat(textError("id = 'a' AND AND").getMessage()).contains("unexpected 'AND' at position 14");
        assertThat(textError("id # 'a'").getMessage()).isEqualTo("unexpected character '#' at position 4");
        assertThat(textError("x IS NOT 5").getMessage()).contains("unexpected '5' at position 10: expected NULL");
        assertThat(textError("").getMessage()).isEqualTo("the filter is empty");
        assertThat(textError("(".repeat(500) + "id = 'a'" + ")".repeat(500)).getMessage()).contains("nests deeper than 100");
    }

    @Test
    void literalsThatAreNotValidSayWhy() {
        assertThat(textError("datetime > TIMESTAMP('2020-01-01')").getMessage())
                .contains("at position 12").contains("'2020-01-01' is not a timestamp");
        assertThat(textError("datetime > DATE('2020-13-01')").getMessage()).contains("'2020-13-01' is not a date");
        assertThat(textError("S_INTERSECTS(geometry, POLYGON((0 0, 1 0, 1 1, 0 1)))").getMessage())
                .contains("in the POLYGON at position 24").contains("not closed");
        assertThat(textError("S_INTERSECTS(geometry, LINESTRING(0 0))").getMessage()).contains("at least 2 positions");
        assertThat(textError("S_INTERSECTS(geometry, BBOX(0, 10, 1))").getMessage()).contains("4 or 6 numbers, not 3");
        assertThat(textError("S_INTERSECTS(geometry, BBOX(0, 10, 1, 5))").getMessage()).contains("south edge 10.0");
        assertThat(textError("S_INTERSECTS(geometry, POINT EMPTY)").getMessage()).contains("empty geometry");
        assertThat(textError("S_INTERSECTS(geometry, 'POINT(1 2)')").getMessage())
                .contains("'s_intersects' takes a geometry property, a geometry or a bbox, not the string 'POINT(1 2)'");
        assertThat(textError("T_INTERSECTS(datetime, 5)").getMessage()).contains("not the number 5");
        assertThat(textError("id = POINT(1 2)").getMessage()).contains("use s_intersects");
        assertThat(textError("id = INTERVAL('..', '..')").getMessage()).contains("use t_intersects");
        assertThat(textError("datetime > INTERVAL('yesterday', '..')").getMessage()).contains("'yesterday' is not a timestamp");
    }

    @Test
    void unsupportedOperatorsAreNamed() {
        FilterException array = textError("A_CONTAINS(layer:ids, ('layers-ca','layers-us'))");
        assertThat(array.kind()).isEqualTo(FilterException.Kind.UNSUPPORTED_OPERATOR);
        assertThat(array.getMessage()).isEqualTo("'A_CONTAINS' at position 1 is not supported (array predicates)");
        assertThat(textError("CASEI(road_class) IN (CASEI('Straße'))").getMessage())
                .isEqualTo("'CASEI' at position 1 is not supported (case- and accent-insensitive comparison)");
        assertThat(textError("\"name\" LIKE CASEI('FOO%')").getMessage()).contains("'CASEI' at position 13 is not supported");
        assertThat(textError("balance-150.0 > 0").getMessage()).isEqualTo("'-' at position 8 is not supported (arithmetic)");
        assertThat(textError("vehicle_height > (bridge_clearance-1)").getMessage())
                .isEqualTo("'(' at position 18 is not supported (arithmetic and array expressions)");
        assertThat(textError("1 = (\"foo\" div 2)").getMessage()).contains("not supported");
        assertThat(textError("avg(windSpeed) < 4").getMessage()).contains("function 'avg' at position 1 is not supported");
        assertThat(textError("S_INTERSECTS(geometry, Buffer(geometry, 10, 'm'))").getMessage())
                .contains("function 'Buffer' at position 24");
    }

    @Test
    void jsonErrorsNameThePathAndTheOperator() {
        assertThat(jsonError("{'op':'a_contains','args':[{'property':'x'},['a']]}").getMessage())
                .isEqualTo("at /: operator 'a_contains': array predicates are not supported");
        assertThat(jsonError("{'op':'and','args':[{'op':'=','args':[{'property':'x'},1]},{'op':'casei','args':['a']}]}")
                .getMessage()).isEqualTo("at /args/1: operator 'casei': case- and accent-insensitive comparison is not supported");
        assertThat(jsonError("{'op':'>','args':[{'property':'x'},{'op':'+','args':[1,2]}]}").getMessage())
                .isEqualTo("at /args/1: operator '+': arithmetic is not supported");
        assertThat(jsonError("{'op':'like','args':[{'property':'x'},{'op':'casei','args':['a%']}]}").getMessage())
                .contains("'casei'");
        assertThat(jsonError("{'op':'avg','args':[{'property':'x'}]}").getMessage()).contains("operator 'avg'");
        assertThat(jsonError("{'op':'=','args':[{'property':'x'}]}").getMessage())
                .isEqualTo("at /: operator '=' takes 2 arguments, not 1");
        assertThat(jsonError("{'op':'=','args':[{'property':5},1]}").getMessage()).contains("at /args/0/property");
        assertThat(jsonError("{'op':'not','args':[{'op':'in','args':[{'property':'x'},'a']}]}").getMessage())
                .isEqualTo("at /args/0/args/1: the list of 'in' is an array, found the string \"a\"");
        assertThat(jsonError("{'op':'t_intersects','args':[{'property':'datetime'},{'interval':['2020-01-01']}]}")
                .getMessage()).contains("at /args/1/interval: an interval is an array of two ends");
        assertThat(jsonError("{'op':'s_intersects','args':[{'property':'geometry'},{'type':'Polygon','coordinates':"
                + "[[[0,0],[1,0],[0,0]]]}]}").getMessage()).contains("at /args/1: a polygon ring needs at least 4 positions");
        assertThat(jsonError("{'op':'s_intersects','args':[{'property':'geometry'},{'type':'Point','coordinates':[0,'x']}]}")
                .getMessage()).contains("not a finite number");
        assertThat(jsonError("{'op':'=','args':[{'property':'x'},null]}").getMessage()).contains("at /args/1");
        assertThat(jsonError("{'args':[]}").getMessage()).contains("expected a condition");
        assertThat(jsonError("{'op': ").getMessage()).startsWith("the filter is not valid JSON");
    }

    @Test
    void filterLangChoosesTheEncoding() {
        assertThat(Cql2.parse("id = 'a'", null)).isEqualTo(Cql2.parse("{\"op\":\"=\",\"args\":[{\"property\":\"id\"},\"a\"]}",
                "cql2-json"));
        assertThatThrownBy(() -> Cql2.parse("id = 'a'", "ecql")).hasMessageContaining("filter-lang 'ecql' is not supported");
    }

    @Test
    void theTreeIsWhatTheTextSays() {
        assertThat(Cql2.parseText("a = 1 OR b = 2 AND NOT c IS NULL")).isEqualTo(new Condition.Or(java.util.List.of(
                new Condition.Comparison(ComparisonOperator.EQUAL, new Operand.Property("a"),
                        new Operand.NumberLiteral(java.math.BigDecimal.ONE)),
                new Condition.And(java.util.List.of(
                        new Condition.Comparison(ComparisonOperator.EQUAL, new Operand.Property("b"),
                                new Operand.NumberLiteral(java.math.BigDecimal.valueOf(2))),
                        new Condition.Not(new Condition.IsNull(new Operand.Property("c"))))))));
        assertThat(Cql2.parseText("x BETWEEN -1.5e2 AND +.5")).isEqualTo(new Condition.Between(new Operand.Property("x"),
                new Operand.NumberLiteral(new java.math.BigDecimal("-150")), new Operand.NumberLiteral(new java.math.BigDecimal("0.5"))));
        assertThat(Cql2.parseText("t_intersects(datetime, interval('2020-01-01', '..'))")).isEqualTo(new Condition.Temporal(
                TemporalOperator.INTERSECTS, new Operand.Property("datetime"), new Operand.IntervalLiteral(
                        new Operand.DateLiteral(java.time.LocalDate.of(2020, 1, 1)), new Operand.OpenEnd())));
        assertThat(((GeometryLiteral) ((Condition.Spatial) Cql2.parseText("s_intersects(geometry, POINT(1 -2.5))")).right())
                .toGeoJson()).isEqualTo("{\"type\":\"Point\",\"coordinates\":[1.0,-2.5]}");
        assertThat(Cql2.parseText("\"a b\" = 'it''s' AND c = 'back\\'slash'")).isEqualTo(new Condition.And(java.util.List.of(
                new Condition.Comparison(ComparisonOperator.EQUAL, new Operand.Property("a b"), new Operand.StringLiteral("it's")),
                new Condition.Comparison(ComparisonOperator.EQUAL, new Operand.Property("c"),
                        new Operand.StringLiteral("back'slash")))));
    }
}
