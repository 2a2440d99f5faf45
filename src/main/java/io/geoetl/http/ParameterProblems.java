package io.geoetl.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.http.support.ApiException;
import io.geoetl.jobs.InvalidParametersException;
import io.geoetl.jobs.Json;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The 400 of a refused parameter check, with each problem also filed under the parameter it is
 * about, so a form can show it next to its field. A problem sentence starts with the name of its
 * parameter ("n must be between 1 and 1000, got 0"); one that names none (a rule across several
 * parameters, an unknown key) is filed under "" (the whole form).
 */
final class ParameterProblems {
    private ParameterProblems() {}

    static ApiException refusal(InvalidParametersException invalid, List<String> parameterNames) {
        ObjectNode details = Json.object();
        ArrayNode problems = details.putArray("problems");
        ObjectNode byParameter = details.putObject("by_parameter");
        for (String problem : invalid.problems()) {
            problems.add(problem);
            byParameter.withArrayProperty(parameterOf(problem, parameterNames).orElse("")).add(problem);
        }
        return new ApiException(400, "invalid_parameters",
                invalid.problems().size() + " problem(s) with the parameters: " + invalid.getMessage(), details);
    }

    /** The longest declared name the sentence starts with, followed by a space. */
    static Optional<String> parameterOf(String problem, List<String> parameterNames) {
        return parameterNames.stream().filter(name -> problem.startsWith(name + " "))
                .max(Comparator.comparingInt(String::length));
    }
}
