import * as assert from "node:assert/strict";
import { BenchResult, markdown, PhaseResult, perResource, ratio, targets } from "../../../bench/report";

function phase(p: PhaseResult["phase"], ms: number, soapCalls = 0): PhaseResult {
    return { phase: p, ms, soapCalls, restRequests: 0, providerRssMb: 100, stateBytes: 50_000 };
}

const result: BenchResult = {
    started: "2026-12-03T17:00:00.000Z",
    parallel: 16,
    topologies: [
        {
            name: "portGroups-50",
            resources: 50,
            phases: [phase("up", 5000, 450), phase("noop", 1000), phase("refresh", 2000, 50), phase("destroy", 2500)],
            floor: { upMs: 4000, destroyMs: 2000 },
        },
        {
            name: "portGroups-500",
            resources: 500,
            phases: [phase("up", 60_000), phase("destroy", 25_000)],
        },
    ],
};

describe("bench report", () => {
    it("works out figures per resource and ratios, to a tenth and a hundredth", () => {
        assert.equal(perResource(450, 50), 9);
        assert.equal(perResource(1000, 3), 333.3);
        assert.equal(perResource(5, 0), 0);
        assert.equal(ratio(5000, 4000), 1.25);
        assert.equal(ratio(1, 3), 0.33);
        assert.equal(ratio(1, 0), undefined);
        assert.equal(ratio(1, undefined), undefined);
    });

    it("states the targets as ratios: up and destroy against the floor, time per resource against the base N", () => {
        assert.deepEqual(targets(result, "portGroups-50", "portGroups-500"), {
            "portGroups-50 up / floor": 1.25,
            "portGroups-50 destroy / floor": 1.25,
            "up ms/resource portGroups-500 / portGroups-50": 1.2,
            "destroy ms/resource portGroups-500 / portGroups-50": 1,
        });
        assert.deepEqual(targets(result, "portGroups-50", "portGroups-9"), {
            "portGroups-50 up / floor": 1.25,
            "portGroups-50 destroy / floor": 1.25,
            "up ms/resource portGroups-9 / portGroups-50": undefined,
            "destroy ms/resource portGroups-9 / portGroups-50": undefined,
        });
    });

    it("renders one table row per topology and phase, then the ratios", () => {
        assert.equal(
            markdown(result, "portGroups-50", "portGroups-500"),
            [
                "| topology | resources | phase | time (s) | ms / resource | SOAP calls / resource | REST requests / resource | state bytes / resource | provider RSS (MiB) | × floor |",
                "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|",
                "| portGroups-50 | 50 | up | 5.0 | 100.0 | 9.0 | 0.0 | 1000 | 100 | 1.25 |",
                "| portGroups-50 | 50 | noop | 1.0 | 20.0 | 0.0 | 0.0 | 1000 | 100 |  |",
                "| portGroups-50 | 50 | refresh | 2.0 | 40.0 | 1.0 | 0.0 | 1000 | 100 |  |",
                "| portGroups-50 | 50 | destroy | 2.5 | 50.0 | 0.0 | 0.0 | 1000 | 100 | 1.25 |",
                "| portGroups-500 | 500 | up | 60.0 | 120.0 | 0.0 | 0.0 | 100 | 100 |  |",
                "| portGroups-500 | 500 | destroy | 25.0 | 50.0 | 0.0 | 0.0 | 100 | 100 |  |",
                "",
                "- portGroups-50 up / floor: 1.25×",
                "- portGroups-50 destroy / floor: 1.25×",
                "- up ms/resource portGroups-500 / portGroups-50: 1.20×",
                "- destroy ms/resource portGroups-500 / portGroups-50: 1.00×",
                "",
            ].join("\n"),
        );
    });
});
