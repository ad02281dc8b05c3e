package org.earshot.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Query parameters as Netty's QueryStringDecoder gives them, from name, value, name, value, ... */
final class Parameters {

    private Parameters() {
    }

    static Map<String, List<String>> of(String... namesAndValues) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.computeIfAbsent(namesAndValues[i], k -> new ArrayList<>()).add(namesAndValues[i + 1]);
        }
        return params;
    }
}
