"""English war reporting: the words of events, written from the language.

English keeps subject, verb and object in order ("Russian forces captured
Soledar"; "Soledar was captured by Wagner"; "Soledar fell to Russia"),
marks attempts with "trying to / in a bid to" and hearsay with "claimed",
"reportedly" and "could not be independently verified". Months are matched
capitalised where they are also words ("March", "May").
"""

from __future__ import annotations

from mapapp.geoparse.events.conjugate import infinitives, verbs
from mapapp.geoparse.events.lexicon import Rule, Words

_RU = r"pro-Russian|Russian-backed|Russians?|Russia(?:'s|’s)?|Moscow(?:'s|’s)?|Kremlin|Wagner(?:\s+group)?|separatists?|occupiers|invaders|Kadyrov\w*|Chechen"
_UA = r"Ukrainians?|Ukraine(?:'s|’s)?|Kyiv(?:'s|’s)?|Kiev(?:'s|’s)?|Azov"
_SIDE = rf"(?:{_RU}|{_UA})"
_TOWN = r"city|cities|town|towns|village|villages|settlement|settlements|hamlet|port|capital|region|oblast|province|district|area|peninsula"
_CAP = r"(?-i:[A-Z])"
# The concepts' lemmas (conjugate.py makes every form; "|" a phrasal verb's particle)
_CAPTURE = ("capture", "seize", "overrun/overran/overrun", "conquer", "retake/retook/retaken",
            "recapture", "regain", "reclaim")
_WITHDRAW = ("withdraw/withdrew/withdrawn", "retreat", "abandon", "pull|out", "pull|back",
             "fall|back/fell/fallen")
_ADVANCE = ("encircle", "besiege", "storm", "assault", "fight/fought/fought", "battle", "clash",
            "advance", "repel/repelled", "repulse", "push|into", "push|towards", "push|toward",
            "press|into", "press|towards", "press|toward", "press|deeper", "edge|closer",
            "beat|back/beat/beaten",
            "fend|off/fended")
_STRIKE = ("shell", "bomb", "bombard", "pound", "strike/struck/struck", "hit/hit/hit", "target")

RULES = (
    # held: statements of who holds a place
    Rule("held", "verb", rf"(?:in|under)\s+(?:{_SIDE})\s+(?:hands|control|occupation|rule)"),
    Rule("held", "verb", rf"(?:held|controlled|occupied|run)\s+by\s+(?:the\s+)?(?:{_SIDE})"),
    Rule("held", "adj", rf"(?:{_SIDE})-(?:occupied|controlled|held|annexed)|(?:Russian|Ukrainian)\s+(?:occupied|controlled|held)"),
    Rule("held", "adj", rf"(?:occupied|annexed)(?=\s+(?:{_TOWN}|peninsula|territor\w*|part|{_CAP}))", "RU"),
    Rule("held", "verb", r"(?:still|continues?\s+to|continued\s+to)\s+(?:holds?|controls?)"),
    # entering: fighting, or control where the other side left (reader._kind)
    Rule("enter", "verb", r"entered|enters|entering|(?:marched|rolled|moved)\s+into"),
    # control: completed changes of hands
    Rule("control", "verb", r"captured|captures|seized|seizes|overran|overrun|took\s+(?:full\s+)?control\s+of|taken\s+(?:full\s+)?control\s+of|took(?!\s+(?:place|part|time|over\s+as))|taken(?!\s+(?:place|part))|takes(?!\s+(?:place|part|time))"),
    Rule("control", "verb", verbs("en", *_WITHDRAW), "other"),
    Rule("control", "verb", r"fell|falls|has\s+fallen|have\s+fallen|had\s+fallen|occupied"),
    Rule("control", "verb", r"raised\s+(?:\w+\s+){0,3}?flags?|flags?\s+(?:\w+\s+){0,2}?(?:was|were)\s+raised"),
    Rule("control", "verb", r"recaptured|recaptures|retook|retaken|retakes|regained(?:\s+control\s+of)?|won\s+back"),
    Rule("control", "verb", r"liberated|liberates|liberating|liberate(?!\s+of)", "UA"),
    Rule("control", "verb", r"cleared(?!\s+(?:for|to|of\s+(?:debris|mines)|the\s+way))|" + verbs("en", *_CAPTURE)),
    Rule("control", "verb", r"withdrew|withdrawn|withdraws|retreated|retreats|pull(?:s|ed|ing)?\s+(?:[\w’'-]+\s+){0,2}?(?:out|back)(?!\s+(?:of\s+)?(?:the\s+)?(?:talks|deal|agreement|treaty))|abandoned|left\s+(?=(?:the\s+)?(?:city|town|village|" + _CAP + r"))", "other"),
    Rule("control", "noun", r"capture(?=\s+of)|fall(?=\s+of)|seizure(?=\s+of)|takeover(?=\s+of)|recapture(?=\s+of)"),
    Rule("control", "noun", r"liberation(?=\s+of)", "UA"),
    Rule("control", "noun", r"withdrawal|retreat(?=\s+from)|loss(?=\s+of\s+(?:the\s+(?:city|town|village)\s+of\s+)?(?-i:[A-Z]))", "other"),
    Rule("control", "inf", infinitives("en", *_WITHDRAW), "other"),
    Rule("control", "inf", r"to\s+(?:capture|take|seize|retake|recapture|liberate|occupy|fall)"),
    # fighting
    Rule("fighting", "noun", r"(?:heavy\s+|fierce\s+|intense\s+|street\s+)?fighting|fights?|battles?|clash(?:es)?|combat|assaults?|(?:counter-?)?offensives?|counteroffensive|advances?|storming|siege|encirclement|firefights?|skirmish(?:es)?|ground\s+attacks?|losses|defenders(?=\s+of)|front\s?line\s+(?=near|around|at|outside)"),
    Rule("fighting", "verb", r"fought|fight|battled|battling|clashed|stormed|besieged|encircled|surrounded|advanced|advancing|push(?:ed|es|ing)?\s+(?:on\s+)?(?:into|towards?|toward|on)|repelled|repulsed|beat\s+back|fended\s+off|(?:broke|broken|breaks?|breaking)\s+through|gained\s+ground|entered|encircling"),
    Rule("fighting", "verb", r"push(?:ed|es|ing)?\s+(?:[\w’'-]+\s+){0,3}?back(?:\s+from)?(?!\s+(?:against|on)\b)"),
    Rule("fighting", "verb", r"surround(?:s|ed)|clos(?:e|es|ed|ing)\s+in\s+on|" + verbs("en", *_ADVANCE)),
    Rule("fighting", "inf", r"to\s+(?:encircle|storm|surround|advance)|" + infinitives("en", *_ADVANCE)),
    Rule("fighting", "adj", r"besieged|encircled|embattled|beleaguered|contested|hard-fought|frontline|front-line"),
    # strike (the weapon as a passive's agent: "rocked by explosions", "hit by drones")
    Rule("strike", "verb", r"(?:rocked|shaken|shook|rattled|jolted|hit|struck|targeted|attacked|damaged|pounded)\s+by\s+(?:[\w-]+\s+){0,3}?(?:explosions?|blasts?|missiles?|drones?|rockets?|shells|shelling|bombs|artillery|air\s?strikes?|strikes)|(?:explosions?|blasts?)\s+(?:rocked|shook|rattled|jolted)"),
    Rule("strike", "noun", r"shelling|shells|bombardments?|bombing|bombs?|air\s?strikes?|airstrikes?|(?:cruise\s+|ballistic\s+)?missiles?(?:\s+(?:strikes?|attacks?))?|rockets?(?:\s+(?:strikes?|attacks?|fire))?|(?:kamikaze\s+)?drones?(?:\s+(?:strikes?|attacks?))?|artillery(?:\s+(?:fire|strikes?|attacks?))?|strikes?|explosions?|blasts?|Shaheds?|glide\s+bombs?"),
    Rule("strike", "verb", r"shelled|bombed|bombarded|struck|hit|pounded|targeted|under\s+(?:heavy\s+)?(?:[\w-]+\s+){0,2}?(?:fire|shelling|bombardment)"),
    Rule("strike", "verb", verbs("en", *_STRIKE)),
    Rule("attack", "noun", r"attacks?|raids?"),
    Rule("attack", "verb", r"attacked|attacking"),
)

# Every trigger above holds one of these (tests/test_events.py checks it on every case).
STEMS = tuple("""clos march roll moved regain edg conquer reclaim abandon besieg battle clash repel press edge beat fend bomb pound strik target clear liberat loss hands control occupation rule held occupied run annexed hold captur seiz overr took taken takes fell fall flag recaptur retook retak regained won liberat withdr retreat pull abandon left take occupy fight battl clash combat assault offensive advanc storm siege besieg encircl skirmish attack losses defenders front fought surround push repel repuls broke gained enter beleaguer contest shell bomb strike missile rocket drone artillery explosion blast shahed struck hit pound target fire raid""".split())

WORDS = Words(
    rules=RULES,
    stems=STEMS,
    side_ru=_RU,
    side_ua=_UA,
    negation=r"not(?!\s+only)|never|no\s+longer|no|without|neither|nor|didn[’']t|hasn[’']t|haven[’']t|wasn[’']t|weren[’']t|isn[’']t|aren[’']t",
    hypothetical=r"will|would|could(?!\s+have)|might(?!\s+have)|may(?!\s+have)|can|should|shall|won[’']t|going\s+to|likely\s+to|expected\s+to|about\s+to|set\s+to|poised\s+to",
    reportative=r"(?!x)x",
    plan=r"wants?\s+to|wanted\s+to|plans?|planned|planning|intends?|intended|aims?\s+to|aiming|threat\w*|hopes?\s+to|hoping|vow\w*|promis\w*|prepar\w*|order(?:ed|s)?|goal|seeks?\s+to|determined\s+to|ready\s+to",
    attempt=r"try|tries|tried|trying|attempt\w*|bid|efforts?|push(?:es|ed|ing)?\s+to|struggl\w*|failed|fails?|seeking|sought|campaign|drive",
    success=r"managed|manages|succeeded|succeeds|continu(?:e|es|ed|ing)|kept\s+on|keeps?\s+on",
    conditional=r"if|unless|in\s+case|whether|provided\s+that|were\s+(?:Russia|Ukraine|Russian|Ukrainian)\w*\s+to",
    verb_first=r"should|were|had|would|could|will|can|is|are|does|did|has|have",
    denial=r"den(?:y|ies|ied|ying)|dismiss(?:ed|es)|rejected|refuted",
    claim=r"\b(?:claim\w*|reportedly|allegedly|purportedly|unverified|unconfirmed|(?:could|can)(?:\s*not|n[’']t)\s+(?:be\s+)?(?:independently\s+)?(?:verif\w*|confirm\w*)|not\s+(?:been\s+)?(?:independently\s+)?(?:verified|confirmed))\b",
    attribution=r"according\s+to|said|says|say|told|stated|reported|reports?|announced|insisted|statement",
    party=rf"{_RU}|{_UA}|Putin|Zelensky\w*|minist(?:ry|er)|military|army|general\s+staff|commander\w*|spokes(?:man|woman|person)|forces|command|Prigozhin|Shoigu|Gerasimov|Syrskyi|Zaluzhnyi",
    confirm=r"confirmed|confirms|verified|appears?\s+to|appeared\s+to|seems?\s+to|seemed\s+to|acknowledged|admitted",
    local_official=r"governor|mayor|regional\s+(?:military\s+)?(?:head|administration|authorities|officials?)|(?:military|civil)\s+administration|head\s+of\s+the\s+[\w’'-]+\s+region|city\s+council|local\s+authorities",
    loc_prep=r"in|at|near|around|outside|inside|into|across|throughout|within|on\s+the\s+(?:\w+\s+)?(?:outskirts|approaches|edge)\s+(?:of|to)|in\s+the\s+(?:outskirts|vicinity|direction)\s+of|close\s+to|(?:north|south|east|west|northeast|northwest|southeast|southwest)\s+of|(?:kilometres?|kilometers?|km|miles)\s+(?:from|of|outside)",
    noun_prep=r"in|at|near|around|outside|for|of|on|against|over|into|towards?|toward|across|to|inside|in\s+the\s+(?:outskirts|vicinity|direction)\s+of|on\s+the\s+(?:outskirts|approaches|edge)\s+(?:of|to)",
    source_prep=r"from|out\s+of",
    toward_prep=r"towards?|toward|in\s+the\s+direction\s+of|on\s+the\s+approaches\s+to|closer\s+to|near|around|outside|on\s+the\s+outskirts\s+of|west\s+of|east\s+of|north\s+of|south\s+of",
    partial=r"parts?|districts?|neighbou?rhoods?|blocks?|outskirts|positions?|streets?|suburbs?|quarters?|edge|sector|metres|meters|kilometres|kilometers|ground",
    filler=r"the|a|an|this|that|its|their|key|strategic|strategically|important|small|industrial|ruined|devastated|destroyed|port|mining|nearby|of|outskirts|edge|centre|center|heart|eastern|western|northern|southern|central|\d+",
    town_noun=_TOWN,
    locator=r"on|left|right|bank|banks|shore|side|in|near|outside|close|to|just|a|few|kilometres?|kilometers?|km|miles|north|south|east|west|northeast|northwest|southeast|southwest|of|the|capital|city|town|region|province|oblast|district|country|eastern|western|northern|southern|central|\d+|(?-i:[A-Z])[\w’'-]*",
    relative=r"which|where|who|that|whose",
    indefinite=r"a|an|any|another|possible|potential|eventual",
    ground=r"troops|army|armies|soldiers|infantry|forces|ground|assault\w*|units?|brigades?|tanks?|armou?r\w*|fighters|mercenaries|repel\w*|repuls\w*|offensive|advanc\w*|positions|storm\w*|battalions?",
    clause_break=r"but|while|whereas|although|though|however|and(?=\s+(?:are|is|were|was|have|has|had|will)\s)",
    months=(
        (r"January|(?-i:Jan)\.?", 1), (r"February|(?-i:Feb)\.?", 2), (r"(?-i:March|Mar\.)", 3),
        (r"April|(?-i:Apr)\.?", 4), (r"(?-i:May)(?=\s+\d)|(?<=\d\s)(?-i:May)|(?<=\bin\s)(?-i:May)", 5),
        (r"June|(?-i:Jun)\.?", 6), (r"July|(?-i:Jul)\.?", 7), (r"August|(?-i:Aug)\.?", 8),
        (r"September|(?-i:Sept?)\.?", 9), (r"October|(?-i:Oct)\.?", 10),
        (r"November|(?-i:Nov)\.?", 11), (r"December|(?-i:Dec)\.?", 12),
    ),
    vague=r"mid|early|late|(?:the\s+)?(?:end|beginning|start|middle)\s+of",
    since=r"since|as\s+of",
    side_place=r"Russia(?:'s|’s)?|Ukraine(?:'s|’s)?|Moscow(?:'s|’s)?|Kyiv(?:'s|’s)?|Kiev(?:'s|’s)?|Kremlin",
    place_prep=r"in|of|from|into|across|throughout|over|on|against|with|for|inside|outside",
    agent=r"by|to",
    definite=r"the|these|those|this|that",
    report_prep=r"according\s+to",
    across=r"across|over|behind|beyond|to|towards",
    listing=r"including|among\s+them|among\s+others|such\s+as",
    undergo=r"came\s+under|comes?\s+under|coming\s+under|suffered|suffers|endured|endures|faced|faces|(?:was|were|is|are|became)\s+(?:again\s+)?the\s+target\s+of|bore\s+the\s+brunt\s+of",
    repel=r"repel(?:s|led|ling)?|repuls(?:e|es|ed|ing)|(?:beat|beats|beaten|beating|fend|fends|fended|fending)(?:\s+[\w’'-]+){0,2}?\s+(?:back|off)",
    not_actor=r"lines?|positions?|defen[cs]es|territory|soil|border|side\s+of",
    that=r"that",
    resume=r"is|was|are|were|remains?|remained|stays?|stayed|has|had|have|lies|lay|sits|sat|continues?|continued",
    quantity=r"several|many|dozens|scores|numerous|some|multiple|a\s+number|two|three|four|five|six|seven|eight|nine|ten|a\s+dozen",
)
