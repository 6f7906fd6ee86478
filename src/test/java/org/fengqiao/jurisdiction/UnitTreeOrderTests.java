package org.fengqiao.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UnitTreeOrderTests {

    static Unit unit(Unit parent, UnitKind kind, String code) {
        UnitId id = new UnitId(UUID.randomUUID());
        String path = (parent == null ? "/" : parent.path()) + id.value() + "/";
        return new Unit(id, parent == null ? null : parent.id(), kind, code, code, null, path,
                parent == null ? 0 : parent.depth() + 1);
    }

    @Test
    void eachUnitFollowsItsParentAndSiblingsGoByCodeWhateverTheirIds() {
        Unit station = unit(null, UnitKind.STATION, "320722010000");
        Unit office = unit(station, UnitKind.CENTRAL_OFFICE, "320722010100");
        Unit point11 = unit(office, UnitKind.WORK_POINT, "JWD-FS-1-11");
        Unit point01 = unit(office, UnitKind.WORK_POINT, "JWD-FS-1-01");
        Unit workstation = unit(station, UnitKind.WORKSTATION, "320722010200");
        Unit point02 = unit(office, UnitKind.WORK_POINT, "JWD-FS-1-02");
        // as the database gives them, by path: in the order of their random ids
        List<Unit> byPath = java.util.stream.Stream.of(station, office, point11, point01, workstation, point02)
                .sorted(java.util.Comparator.comparing(Unit::path)).toList();
        assertThat(Jurisdictions.inTreeOrder(byPath)).extracting(Unit::code).containsExactly("320722010000",
                "320722010100", "JWD-FS-1-01", "JWD-FS-1-02", "JWD-FS-1-11", "320722010200");
    }

    @Test
    void unitsWhoseParentIsNotVisibleStandAsRoots() {
        Unit office = unit(unit(null, UnitKind.STATION, "S"), UnitKind.CENTRAL_OFFICE, "O");
        Unit b = unit(office, UnitKind.WORK_POINT, "B");
        Unit a = unit(office, UnitKind.WORK_POINT, "A");
        // a grid member sees two work points and not the office above them
        assertThat(Jurisdictions.inTreeOrder(List.of(b, a))).extracting(Unit::code).containsExactly("A", "B");
    }
}
