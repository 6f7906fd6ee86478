package org.fengqiao.incident.web;

import java.util.List;
import org.fengqiao.incident.Source;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Invalid;

/**
 * What a person files a report from the field as: what he saw (巡查上报), and an informant's clue only when he may file
 * one (INCIDENT_CLUE: the informant himself, the police who handle informants). A volunteer offered 信息员线索 would
 * file his own sighting as a clue whose giver is then hidden from everyone but the station chief.
 */
final class StaffSources {

    private StaffSources() {
    }

    /** The sources the report form offers him, in this order. */
    static List<Source> offered(Caller caller) {
        return caller.may("INCIDENT_CLUE") ? List.of(Source.FIELD, Source.INFORMANT) : List.of(Source.FIELD);
    }

    /** The source as chosen, refused on the field in his language when he may not file as it. */
    static Source mayFileAs(Source source, Caller caller) {
        if (source == Source.INFORMANT && !caller.may("INCIDENT_CLUE")) {
            throw Invalid.of("source", "incident.source.clueNotYours");
        }
        return source;
    }
}
