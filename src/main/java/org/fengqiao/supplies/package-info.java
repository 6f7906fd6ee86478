/**
 * 警务保障 (seed 004's 警务保障机制): what the bureau provided to its stations, central offices, workstations and work
 * points so that every village officer can work (工作标牌, 警务工作站牌, 制度牌, 工作手册, 工作日志本, 宣传彩页, 办公桌椅) and
 * what it cost. A catalogue of kinds (the standard ones and the bureau's own), and an append-only ledger per unit:
 * issued (by the station chief or the bureau, with its cost and from whom), confirmed received by the unit's
 * community officer, used up or lost with a reason, transferred between units of one station; corrections are
 * reversing entries and a stock never goes negative. Summed up the tree, with the money spent over a period, and the
 * workstations that lack a required kind (每个警务工作站都统一配备). Reads the tree through the jurisdiction module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Police work supplies")
package org.fengqiao.supplies;
