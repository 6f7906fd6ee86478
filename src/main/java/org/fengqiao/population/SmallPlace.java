package org.fengqiao.population;

import org.fengqiao.platform.ChoiceNames;

/**
 * The nine small places (九小场所) whose fire safety the community police inspect: 小商店, 小餐饮,
 * 小旅馆, 小网吧, 小美容洗浴, 小歌舞娱乐, 小学校/幼儿园, 小医院/诊所, 小生产加工企业.
 */
@ChoiceNames("places.smallPlace.")
public enum SmallPlace {
    STORE, EATERY, HOTEL, INTERNET_CAFE, BEAUTY_BATH, SINGING_DANCING, SCHOOL_KINDERGARTEN, CLINIC, WORKSHOP
}
