/**
 * Points (积分, seed 002: 一案一奖、一事一积分) and the points store (积分超市). An append-only ledger per holder
 * (any staff row: volunteers, informants, guards, grid members, and the investigator of a cracked case) whose
 * balance never goes negative; awards proposed from other modules' events or by hand and approved by the grid
 * chief; rules as configuration ({@code fengqiao.points.rules.*}); the clue reward rule of seed 004
 * (同功同奖); leaderboards (龙虎榜) and yearly activists (积极分子); the store's items, stock and fund accounts,
 * and redemptions that take points and stock in one step and give a voucher with a QR code scanned at pickup. An
 * item may be taken off sale (下架) and put back; a voucher not picked up may be cancelled by its holder or the
 * store, its points and stock going back in one step; vouchers do not lapse on their own.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Points")
package org.fengqiao.points;
