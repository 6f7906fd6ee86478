/**
 * 群众监督、群众评议 (seed 004, "工作成效由群众来评判"): residents review their village or community officer from a
 * public page reached by the QR code on his card (one stable link per officer and community, no account): whether they
 * know him (知晓), have seen him in the village this month (见警), whether he took up a matter of theirs (管事) and
 * handled it, how satisfied they are (1 to 5) and a comment. One review per device, officer and month, a share per
 * network address and hour, a field robots fill in. Staff read the 知晓率, 见警率, 管事率 and satisfaction rate per
 * officer and unit by month, quarter or year beside the period before; a station chief hides a comment with a reason
 * (never deletes it); a low result reaches the station chief's inbox ({@link org.fengqiao.review.ReviewResultLow}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Public review of officers")
package org.fengqiao.review;
