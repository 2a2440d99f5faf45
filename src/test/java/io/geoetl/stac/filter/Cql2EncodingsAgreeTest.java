package io.geoetl.stac.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CQL2-text and CQL2-JSON of the same filter give the same tree. The pairs are the examples of the
 * OGC CQL2 standard (21-065, annex "Examples") for the operators geoetl supports, long geometries shortened.
 */
class Cql2EncodingsAgreeTest {

    static Stream<Arguments> examples() {
        return Stream.of(
                pair("landsat:scene_id = 'LC82030282019133LGN00'",
                        "{'op':'=','args':[{'property':'landsat:scene_id'},'LC82030282019133LGN00']}"),
                pair("eo:instrument LIKE 'OLI%'", "{'op':'like','args':[{'property':'eo:instrument'},'OLI%']}"),
                pair("landsat:wrs_path IN ('153','154','15X')",
                        "{'op':'in','args':[{'property':'landsat:wrs_path'},['153','154','15X']]}"),
                pair("eo:cloud_cover < 0.1 AND landsat:wrs_row=28 AND landsat:wrs_path=203",
                        "{'op':'and','args':[{'op':'<','args':[{'property':'eo:cloud_cover'},0.1]},"
                                + "{'op':'=','args':[{'property':'landsat:wrs_row'},28]},"
                                + "{'op':'=','args':[{'property':'landsat:wrs_path'},203]}]}"),
                pair("eo:cloud_cover=0.1 OR eo:cloud_cover=0.2",
                        "{'op':'or','args':[{'op':'=','args':[{'property':'eo:cloud_cover'},0.1]},"
                                + "{'op':'=','args':[{'property':'eo:cloud_cover'},0.2]}]}"),
                pair("eo:cloud_cover IN (0.1,0.2)", "{'op':'in','args':[{'property':'eo:cloud_cover'},[0.1,0.2]]}"),
                pair("    eo:cloud_cover BETWEEN 0.1 AND 0.2\nAND landsat:wrs_row=28\nAND landsat:wrs_path=203",
                        "{'op':'and','args':[{'op':'between','args':[{'property':'eo:cloud_cover'},0.1,0.2]},"
                                + "{'op':'=','args':[{'property':'landsat:wrs_row'},28]},"
                                + "{'op':'=','args':[{'property':'landsat:wrs_path'},203]}]}"),
                pair("eo:instrument LIKE 'OLI%' AND S_INTERSECTS(footprint,POLYGON((43.5845 -79.5442, 43.6079 -79.4893,"
                                + " 43.5677 -79.4632, 43.5845 -79.5442)))",
                        "{'op':'and','args':[{'op':'like','args':[{'property':'eo:instrument'},'OLI%']},"
                                + "{'op':'s_intersects','args':[{'property':'footprint'},{'type':'Polygon','coordinates':"
                                + "[[[43.5845,-79.5442],[43.6079,-79.4893],[43.5677,-79.4632],[43.5845,-79.5442]]]}]}]}"),
                pair("beamMode='ScanSAR Narrow' AND swathDirection='ascending' AND polarization='HH+VV+HV+VH'",
                        "{'op':'and','args':[{'op':'=','args':[{'property':'beamMode'},'ScanSAR Narrow']},"
                                + "{'op':'=','args':[{'property':'swathDirection'},'ascending']},"
                                + "{'op':'=','args':[{'property':'polarization'},'HH+VV+HV+VH']}]}"),
                pair("floors>5", "{'op':'>','args':[{'property':'floors'},5]}"),
                pair("taxes <= 500", "{'op':'<=','args':[{'property':'taxes'},500]}"),
                pair("owner LIKE '%Jones%'", "{'op':'like','args':[{'property':'owner'},'%Jones%']}"),
                pair("owner NOT LIKE '%Mike%'",
                        "{'op':'not','args':[{'op':'like','args':[{'property':'owner'},'%Mike%']}]}"),
                pair("swimming_pool = true", "{'op':'=','args':[{'property':'swimming_pool'},true]}"),
                pair("swimming_pool=true AND (floors>5 OR material LIKE 'brick%' OR material LIKE '%brick')",
                        "{'op':'and','args':[{'op':'=','args':[{'property':'swimming_pool'},true]},"
                                + "{'op':'or','args':[{'op':'>','args':[{'property':'floors'},5]},"
                                + "{'op':'like','args':[{'property':'material'},'brick%']},"
                                + "{'op':'like','args':[{'property':'material'},'%brick']}]}]}"),
                pair("(floors>5 AND material='brick') OR swimming_pool=true",
                        "{'op':'or','args':[{'op':'and','args':[{'op':'>','args':[{'property':'floors'},5]},"
                                + "{'op':'=','args':[{'property':'material'},'brick']}]},"
                                + "{'op':'=','args':[{'property':'swimming_pool'},true]}]}"),
                pair("NOT (floors<5) OR swimming_pool=true",
                        "{'op':'or','args':[{'op':'not','args':[{'op':'<','args':[{'property':'floors'},5]}]},"
                                + "{'op':'=','args':[{'property':'swimming_pool'},true]}]}"),
                pair("T_BEFORE(built, DATE('2015-01-01'))",
                        "{'op':'t_before','args':[{'property':'built'},{'date':'2015-01-01'}]}"),
                pair("T_DURING(INTERVAL(starts_at, ends_at), INTERVAL('2017-06-10T07:30:00Z', '2017-06-11T10:30:00Z'))",
                        "{'op':'t_during','args':[{'interval':[{'property':'starts_at'},{'property':'ends_at'}]},"
                                + "{'interval':['2017-06-10T07:30:00Z','2017-06-11T10:30:00Z']}]}"),
                pair("S_WITHIN(location,BBOX(-118,33.8,-117.9,34))",
                        "{'op':'s_within','args':[{'property':'location'},{'bbox':[-118,33.8,-117.9,34]}]}"),
                pair("S_INTERSECTS(geometry,POLYGON((-10.0 -10.0,10.0 -10.0,10.0 10.0,-10.0 -10.0)))",
                        "{'op':'s_intersects','args':[{'property':'geometry'},{'type':'Polygon','coordinates':"
                                + "[[[-10,-10],[10,-10],[10,10],[-10,-10]]]}]}"),
                pair("\"id\" <> 'fa7e1920-9107-422d-a3db-c468cbc5d6df'",
                        "{'op':'<>','args':[{'property':'id'},'fa7e1920-9107-422d-a3db-c468cbc5d6df']}"),
                pair("NOT \"name\" LIKE 'foo%'", "{'op':'not','args':[{'op':'like','args':[{'property':'name'},'foo%']}]}"),
                pair("\"value\" NOT BETWEEN 10 AND 20",
                        "{'op':'not','args':[{'op':'between','args':[{'property':'value'},10,20]}]}"),
                pair("\"value\" IN (1.0, 2.0, 3.0)", "{'op':'in','args':[{'property':'value'},[1.0,2.0,3.0]]}"),
                pair("NOT \"value\" IN ('a', 'b', 'c')",
                        "{'op':'not','args':[{'op':'in','args':[{'property':'value'},['a','b','c']]}]}"),
                pair("\"value\" IS NULL", "{'op':'isNull','args':[{'property':'value'}]}"),
                pair("\"value\" IS NOT NULL", "{'op':'not','args':[{'op':'isNull','args':[{'property':'value'}]}]}"),
                pair("(\"value\" IS NULL OR \"value\" BETWEEN 10 AND 20)",
                        "{'op':'or','args':[{'op':'isNull','args':[{'property':'value'}]},"
                                + "{'op':'between','args':[{'property':'value'},10,20]}]}"),
                pair("S_INTERSECTS(\"geometry\", BBOX(-128.098193, -1.1, -99999.0, 180.0, 90.0, 100000.0))",
                        "{'op':'s_intersects','args':[{'property':'geometry'},"
                                + "{'bbox':[-128.098193,-1.1,-99999.0,180.0,90.0,100000.0]}]}"),
                pair("S_EQUALS(POLYGON ((-0.333333 89.0, -102.723546 -0.5, -179.0 -89.0, -0.333333 89.0)), \"geometry\")",
                        "{'op':'s_equals','args':[{'type':'Polygon','coordinates':[[[-0.333333,89.0],[-102.723546,-0.5],"
                                + "[-179.0,-89.0],[-0.333333,89.0]]]},{'property':'geometry'}]}"),
                pair("S_DISJOINT(\"geometry\", MULTIPOLYGON (((144.022387 45.176126, -1.1 0.0, 180.0 47.808086, "
                                + "144.022387 45.176126))))",
                        "{'op':'s_disjoint','args':[{'property':'geometry'},{'type':'MultiPolygon','coordinates':"
                                + "[[[[144.022387,45.176126],[-1.1,0.0],[180.0,47.808086],[144.022387,45.176126]]]]}]}"),
                pair("S_TOUCHES(\"geometry\", MULTILINESTRING ((-1.9 -0.99999, 75.292574 1.5),(-1.9 -1.1, 1.5 8.547371)))",
                        "{'op':'s_touches','args':[{'property':'geometry'},{'type':'MultiLineString','coordinates':"
                                + "[[[-1.9,-0.99999],[75.292574,1.5]],[[-1.9,-1.1],[1.5,8.547371]]]}]}"),
                pair("S_WITHIN(POLYGON Z ((-49.88024 0.5 -75993.341684, -1.5 -0.99999 -100000.0, 0.0 0.5 -0.333333, "
                                + "-49.88024 0.5 -75993.341684)), \"geometry\")",
                        "{'op':'s_within','args':[{'type':'Polygon','coordinates':[[[-49.88024,0.5,-75993.341684],"
                                + "[-1.5,-0.99999,-100000.0],[0.0,0.5,-0.333333],[-49.88024,0.5,-75993.341684]]]},"
                                + "{'property':'geometry'}]}"),
                pair("S_CROSSES(\"geometry\", LINESTRING (172.03086 1.5, 1.1 -90.0, -159.757695 0.99999))",
                        "{'op':'s_crosses','args':[{'property':'geometry'},{'type':'LineString','coordinates':"
                                + "[[172.03086,1.5],[1.1,-90.0],[-159.757695,0.99999]]}]}"),
                pair("S_CONTAINS(\"geometry\", POINT (-3.508362 -1.754181))",
                        "{'op':'s_contains','args':[{'property':'geometry'},{'type':'Point','coordinates':[-3.508362,-1.754181]}]}"),
                pair("T_AFTER(\"updated_at\", DATE('2010-02-10'))",
                        "{'op':'t_after','args':[{'property':'updated_at'},{'date':'2010-02-10'}]}"),
                pair("T_BEFORE(\"updated_at\", TIMESTAMP('2012-08-10T05:30:00.000000Z'))",
                        "{'op':'t_before','args':[{'property':'updated_at'},{'timestamp':'2012-08-10T05:30:00Z'}]}"),
                pair("T_DISJOINT(INTERVAL('..', '2005-01-10T01:01:01.393216Z'), INTERVAL(starts_at, ends_at))",
                        "{'op':'t_disjoint','args':[{'interval':['..','2005-01-10T01:01:01.393216Z']},"
                                + "{'interval':[{'property':'starts_at'},{'property':'ends_at'}]}]}"),
                pair("T_DURING(INTERVAL(starts_at, ends_at), INTERVAL('2005-01-10', '2010-02-10'))",
                        "{'op':'t_during','args':[{'interval':[{'property':'starts_at'},{'property':'ends_at'}]},"
                                + "{'interval':['2005-01-10','2010-02-10']}]}"),
                pair("T_INTERSECTS(INTERVAL(starts_at, ends_at), INTERVAL('1991-10-07T08:21:06.393262Z', "
                                + "'2010-02-10T05:29:20.073225Z'))",
                        "{'op':'t_intersects','args':[{'interval':[{'property':'starts_at'},{'property':'ends_at'}]},"
                                + "{'interval':['1991-10-07T08:21:06.393262Z','2010-02-10T05:29:20.073225Z']}]}"),
                pair("T_STARTS(INTERVAL(starts_at, ends_at), INTERVAL('1991-10-07T08:21:06.393262Z', '..'))",
                        "{'op':'t_starts','args':[{'interval':[{'property':'starts_at'},{'property':'ends_at'}]},"
                                + "{'interval':['1991-10-07T08:21:06.393262Z','..']}]}"),
                pair("T_INTERSECTS(event_time, INTERVAL('1969-07-16T05:32:00Z', '1969-07-24T16:50:35Z'))",
                        "{'op':'t_intersects','args':[{'property':'event_time'},"
                                + "{'interval':['1969-07-16T05:32:00Z','1969-07-24T16:50:35Z']}]}"),
                pair("S_EQUALS(MULTIPOINT ((180.0 -0.5), (179.0 -47.121701), (180.0 -0.0)), \"geometry\")",
                        "{'op':'s_equals','args':[{'type':'MultiPoint','coordinates':[[180.0,-0.5],[179.0,-47.121701],"
                                + "[180.0,0.0]]},{'property':'geometry'}]}"),
                pair("S_EQUALS(GEOMETRYCOLLECTION (POINT (1.9 2.00001), POINT (0.0 -2.00001), "
                                + "LINESTRING (179.0 1.179148, -148.192487 -65.007816, 0.5 0.333333)), \"geometry\")",
                        "{'op':'s_equals','args':[{'type':'GeometryCollection','geometries':["
                                + "{'type':'Point','coordinates':[1.9,2.00001]},{'type':'Point','coordinates':[0.0,-2.00001]},"
                                + "{'type':'LineString','coordinates':[[179.0,1.179148],[-148.192487,-65.007816],[0.5,0.333333]]}"
                                + "]},{'property':'geometry'}]}"),
                pair("city='Toronto'", "{'op':'=','args':[{'property':'city'},'Toronto']}"),
                pair("updated >= date('1970-01-01')", "{'op':'>=','args':[{'property':'updated'},{'date':'1970-01-01'}]}"),
                pair("geometry IS NOT NULL", "{'op':'not','args':[{'op':'isNull','args':[{'property':'geometry'}]}]}"),
                pair("depth BETWEEN 100.0 and 150.0", "{'op':'between','args':[{'property':'depth'},100.0,150.0]}"),
                pair("category NOT IN (1,2,3,4)", "{'op':'not','args':[{'op':'in','args':[{'property':'category'},[1,2,3,4]]}]}"),
                pair("S_INTERSECTS(geometry,POINT(36.319836 32.288087))",
                        "{'op':'s_intersects','args':[{'property':'geometry'},{'type':'Point','coordinates':[36.319836,32.288087]}]}"),
                pair("TRUE", "true"),
                pair("name = 'O''Brien'", "{'op':'=','args':[{'property':'name'},\"O'Brien\"]}"));
    }

    /** JSON written with single quotes for readability; a string with a real quote uses \". */
    private static Arguments pair(String text, String json) {
        return Arguments.of(text, json.replace('\'', '"').replace("\"Brien", "'Brien").replace("\"O\"", "\"O"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void textAndJsonGiveTheSameTree(String text, String json) {
        assertThat(Cql2.parseText(text)).isEqualTo(Cql2.parseJson(json));
    }
}
