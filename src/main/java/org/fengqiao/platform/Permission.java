package org.fengqiao.platform;

/**
 * What a role allows. Roles map to permissions in the account module's role policy; endpoints
 * and pages check permissions, never role names, so a role can change without touching them.
 */
public enum Permission {
    /** See the jurisdiction tree, communities, grids and groupings of one's scope. */
    JURISDICTION_READ,
    /** Create and change units, communities, grids and groupings; import boundaries. */
    JURISDICTION_MANAGE,
    /** Assign people to grid roles (the five-level roster). */
    ROSTER_MANAGE,
    /** See the staff of one's scope. */
    STAFF_READ,
    /** Create and change staff records (people who work) of one's scope. */
    STAFF_MANAGE,
    /** Create sign-in accounts, set roles, unlock accounts, reset passwords (security administrator). */
    ACCOUNT_MANAGE,
    /** Read and verify the audit trail (audit administrator only). */
    AUDIT_READ,
    /** See population, housing and organisation records of one's scope, personal data masked. */
    POPULATION_READ,
    /** Create and change population, housing and organisation records; import them. */
    POPULATION_WRITE,
    /** Reveal a full identity number or phone, with a stated reason that is audited. */
    POPULATION_REVEAL,
    /**
     * Decide a key person's care (N帮一): set his risk level, put helpers on his team and end their places. The grid
     * chief answers for the key persons of his grid (seed 002: 网格长 = the community officer), and the police above
     * him; a grid manager visits them and records the visit (POPULATION_WRITE) but does not decide.
     */
    KEY_PERSON_MANAGE,
    /** See the incidents (事项: calls, reports, clues) of one's scope with their timelines and response times. */
    INCIDENT_READ,
    /** File incidents from the field and act on them: acknowledge, dispatch, arrive, resolve, answer, escalate, refer. */
    INCIDENT_WRITE,
    /**
     * File an informant's clue (信息员线索): the informant himself and the police who handle informants. A volunteer,
     * a grid member or a guard reports what he saw as himself (巡查上报), never as an informant.
     */
    INCIDENT_CLUE,
    /** Push incidents from another system (the 110 centre); held by a unit's API key, never by a role. */
    INCIDENT_PUSH,
    /** Who an informant (信息员) is, on the clues he gave: besides his handler (who filed the clue), only the station chief. */
    INCIDENT_INFORMANT_IDENTITY,
    /**
     * Reveal a reporter's full phone on an incident of one's scope, to call him back, with a stated reason that is
     * audited: the police and auxiliary police who handle the items, never volunteers, informants or administrators.
     */
    INCIDENT_REPORTER_REVEAL,
    /**
     * See the residents' satisfaction (满意率) per unit, grid and officer of one's scope with the low ratings' words:
     * a performance evaluation for the police who lead and handle the items and for inspectors, never for grid staff,
     * village cadres, volunteers, informants, guards, mediators or administrators.
     */
    INCIDENT_STATS,
    /** List, create and revoke the API keys (110 centre, Open311 clients) of the units of one's scope. */
    INCIDENT_API_KEYS,
    /** Register, disable and retry the outbound webhooks of the units of one's scope (a unit's head, the bureau). */
    WEBHOOK_MANAGE,
    /** See the points ledgers, pending awards and leaderboards of one's scope (everyone sees his own points). */
    POINTS_READ,
    /**
     * Earn points (积分) and spend them at the store: be the holder of an award, by hand or from one's work. Those who
     * work in the field and those who run the points; never an inspector, who oversees the work and reads the
     * leaderboards, nor the three administrators (三员分立).
     */
    POINTS_EARN,
    /** Approve or reject pending awards of the grids in one's scope, award by hand, reverse entries, confirm activists. */
    POINTS_APPROVE,
    /** Run the points store of one's scope: items and stock, fund accounts, scanning vouchers at pickup. */
    POINTS_STORE,
    /** See the rosters of the community's forces (teams, members, security companies, posts and shifts) of one's scope. */
    FORCES_READ,
    /** Create and change teams, member profiles, security companies, posts and shifts of one's scope. */
    FORCES_MANAGE,
    /** See the dispute cases (矛盾纠纷调解), weekly screenings and the settlement ladder of one's scope. */
    MEDIATION_READ,
    /** Open and mediate dispute cases, record sessions and screenings, flag a risk, end a case. */
    MEDIATION_WRITE,
    /** See the recovery files (追赃挽损) of one's scope: victims, losses, suspects (numbers masked), assets, returns, rates. */
    RECOVERY_READ,
    /** Open recovery files and record victims, suspects, assets, returns with receipts, collective returns, revisits. */
    RECOVERY_WRITE,
    /** See the board of hard cases (疑难案事件清单) of one's scope with its claims; claim where one is on the grid's roster. */
    CLAIMS_READ,
    /** Claim hard cases of any grid of one's unit's subtree as its station's staff (police), not only on the roster. */
    CLAIMS_STATION,
    /** Confirm or send back completed hard cases of the grids of one's scope (the station chief above the grid chief). */
    CLAIMS_CONFIRM,
    /**
     * See the work figures (工作统计) of one's scope over a period beside the year before: the police who lead (the
     * bureau, the station chief, the community officer at the head of an office) and the inspectors who oversee them;
     * the figures weigh a jurisdiction's work, which is theirs to review, not the grid staff's or volunteers'.
     */
    WORK_FIGURES,
    /**
     * Take copies of the embedded database and see the copies kept and the attempts (system administrator): the whole
     * database, not a part of the tree, so it is nobody's but the administrator's who keeps the platform running.
     */
    SYSTEM_BACKUP,
    /**
     * Read the platform's operating metrics at {@code /actuator/metrics} (system administrator): request counts and
     * times, pools, memory; figures of the whole installation, like the backups, and no personal data.
     */
    SYSTEM_METRICS,

    // 警务保障 (seed 004, module supplies): the supplies each unit holds, issued, received, used up, transferred
    /** See the supplies ledgers and stocks of the units of one's scope, summed up the tree, and the export. */
    SUPPLIES_READ,
    /** Issue supplies to the units of one's scope, transfer them between units of a station, reverse an issue. */
    SUPPLIES_ISSUE,
    /** Confirm the receipt of supplies at one's unit, record what was used up or lost, reverse such a line. */
    SUPPLIES_RECEIVE,
    /** Add the bureau's own kinds of supplies to the catalogue. */
    SUPPLIES_CATALOGUE,

    // duty checklist (十五个一, seed 000): the officer's own duties, and the chiefs' overview of them (有督导)
    /** Keep one's own duty checklist: see it, record a duty done, withdraw one's record the same day. */
    DUTY_OWN,
    /** See the duty overview and each officer's checklist of one's scope (station chief, bureau; inspectors read). */
    DUTY_OVERVIEW,

    // supervision (督导检查机制, seed 004): notices, rectification, accountability
    /** Read the supervision notices (督察通报) of one's scope with their timelines, and the bureau's published list. */
    SUPERVISION_READ,
    /** Issue notices to the units of one's scope, accept or send back rectification, hold to account (督察, 局领导). */
    SUPERVISION_ISSUE,
    /** Answer the notices of one's unit with its rectification (整改情况): the station chief and the unit's officers. */
    SUPERVISION_ANSWER,

    // 群众评议 (review module): the results of the residents' reviews of their officers, the cards, the comments
    /** Read the review results and comments of one's whole scope (the station chief, the bureau, the inspectors). */
    REVIEW_READ,
    /** Read the review results and comments about oneself, and print one's own cards (the community officer). */
    REVIEW_OWN,
    /** Make and print the officers' review cards with their QR codes, in one's scope (or one's own). */
    REVIEW_CARD,
    /** Hide a review's comment that holds personal data or abuse, with a reason (the station chief). */
    REVIEW_HIDE,

    // the work log (worklog, seed 004's 四有): the officers' diaries, analyses and summaries, and the bureau's column
    /** Keep one's own work log (diary, weekly analysis, monthly and quarterly summaries) and share diary entries. */
    WORKLOG_WRITE,
    /** Read the work logs of one's scope, write review remarks (督导意见) and see who has not submitted. */
    WORKLOG_REVIEW,
    /** Read the bureau's diary column (包村社民警日记专栏), comment on the shared entries and like them: police only. */
    WORKLOG_COLUMN;

    public String authority() {
        return name();
    }
}
