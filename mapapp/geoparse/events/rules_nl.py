"""Dutch (and Flemish) war reporting: the words of events, written from the language.

Dutch puts the verb second in main clauses and last in subordinate ones, so
a capture may read "Rusland veroverde Soledar", "dat de Russen Soledar
hebben veroverd" or "Soledar werd door Wagner ingenomen"; separable verbs
split ("nam … in", "rukten … op") and infinitives carry "te" ("om de stad
in te nemen"). Compounds are written as one word ("raketaanvallen",
"straatgevechten"), hence the ``\\w*`` before some stems. "zou hebben
veroverd" is hearsay (a claim), "kan vallen" a forecast (no event).
"""

from __future__ import annotations

from mapapp.geoparse.events.conjugate import infinitives, verbs
from mapapp.geoparse.events.lexicon import Rule, Words

_RU = r"pro-?Russische|Russen|Russische|Russisch|Rusland|Moskou|Kremlin|Wagner(?:-?groep)?|huurlingen\w*|separatisten|bezetters?|Kadyrov\w*|Tsjetsjeense"
_UA = r"Oekraïners|Oekraïense|Oekraïens|Oekraïne|Kiev|Kyiv|Azov(?:-\w+)?"
_SIDE = rf"(?:{_RU}|{_UA})"
_TOWN = r"stad|steden|stadje|dorp|dorpen|plaats|plaatsje|havenstad|hoofdstad|mijnstad|regio|provincie|oblast|gebied|streek|schiereiland"
_SEP = r"(?:\s+[\w’'-]+){1,6}?\s+"  # the words a separable verb spans ("nam de stad in")
# The concepts' lemmas (conjugate.py makes every finite form, participle and split verb)
_CAPTURE = ("veroveren", "terug|veroveren", "heroveren", "in|nemen/nam/namen/genomen",
            "terug|nemen/nam/namen/genomen", "overmeesteren")
_WITHDRAW = ("terug|trekken/trok/trokken/getrokken", "weg|trekken/trok/trokken/getrokken",
             "ontruimen", "verlaten/verliet/verlieten/verlaten")
_ENTER = ("binnen|trekken/trok/trokken/getrokken", "binnen|rukken",
          "binnen|dringen/drong/drongen/gedrongen")
_ADVANCE = ("op|rukken", "terug|dringen/drong/drongen/gedrongen", "naderen", "omsingelen", "belegeren", "bestormen",
            "vechten/vocht/vochten/gevochten")
# Left out, as their forms are everyday words the cheap gate would let through
# ("weer", "geeft", "won"): afweren, opgeven, terugwinnen (their participles are below).
_STRIKE = ("beschieten/beschoot/beschoten/beschoten", "bestoken")  # not treffen: also "meet"
_HOLD = "(?:houdt|houden|hield|hielden|gehouden)"

RULES = (
    # held: statements of who holds a place (before control, whose words they share)
    Rule("held", "verb", rf"in\s+(?:{_SIDE})\s+handen(?!\s+(?:gevallen|valt|vallen|viel|vielen))"),
    Rule("held", "verb", rf"(?:onder|in)\s+(?:{_SIDE})\s+(?:controle|bezetting|gezag)"),
    Rule("held", "verb", rf"in\s+(?:de\s+)?handen\s+van\s+(?:de\s+)?(?:{_SIDE})"),
    Rule("held", "adj", r"door\s+(?:[\w-]+\s+){1,3}?(?:gecontroleerde|bezette|gehouden|geannexeerde)(?=\s+\w)"),
    Rule("held", "adj", rf"(?:{_SIDE})[- ](?:gecontroleerde|bezette|gezinde)"),
    Rule("held", "adj", r"(?:bezette|geannexeerde)(?=\s+(?:[\w-]+\s+)?(?:" + _TOWN + r"|(?-i:[A-Z])))",
         "RU"),
    Rule("held", "verb", r"(?:houden|houdt|hield|hielden|hebben|heeft)(?:\s+[\w’'-]+){1,14}?\s+in\s+handen(?!\s+(?:gevallen|gekregen|gespeeld))"),
    Rule("held", "verb", r"(?:is|zijn|was|waren|blijft|blijven)\s+(?:nog\s+)?(?:steeds\s+)?(?:bezet|geannexeerd)\b", "RU"),
    Rule("held", "verb", rf"{_HOLD}{_SEP}bezet(?=\W|$)|bezet\s+(?:gehouden|houden|houdt|hield|hielden)"),
    # entering: fighting, or control where the other side left (reader._kind)
    Rule("enter", "verb", verbs("nl", *_ENTER)),
    # control: completed changes of hands
    Rule("control", "verb", rf"in\s+(?:(?:{_SIDE})\s+)?handen\s+(?:gevallen|valt|viel|vielen)"),
    Rule("control", "verb", r"\w*veroverd(?:e|en)?|verover(?:t|en)|ingenomen|innam|innamen"),
    Rule("control", "verb", rf"(?:nam|namen|neemt|nemen){_SEP}in(?=\W|$)"),
    Rule("control", "verb", rf"(?:valt|viel|vielen|gevallen)(?!{_SEP}aan\b)(?!\s+(?:[\w’\'-]+\s+){{0,5}}?(?:doden|gewonden|slachtoffers|burgerslachtoffers|bommen|raketten|granaten|klappen)\b)"),
    Rule("control", "verb", r"bezetten|bezette|bezet(?=\s+(?:de|het)\b)|overgenomen|overmeesterd"),
    Rule("control", "verb", r"(?:legden|legde)\s+beslag\s+op|beslag\s+gelegd\s+op"),
    Rule("control", "verb", r"(?:onder\s+(?:\w+\s+)?controle\s+(?:gebracht|brachten|bracht))"),
    Rule("control", "verb", r"vlag\s+(?:\w+\s+){0,3}?(?:gehesen|hijsen|hijst|hees|hesen)|(?:hesen|hees|hijsen|hijst)\s+(?:\w+\s+){0,3}?vlag"),
    Rule("control", "verb", verbs("nl", *_CAPTURE)),
    Rule("control", "verb", r"heroverd(?:e|en)?|herover(?:t|en)|teruggewonnen|terugveroverd"),
    Rule("control", "verb", r"bevrijd(?:de|den|t)?", "UA"),
    Rule("control", "verb", rf"(?:trok|trokken|trekt|trekken){_SEP}terug|teruggetrokken|terugtrekken|verlaten|verlieten|verliet|ontruimd|ontruimden|(?:gaven|gaf){_SEP}op|opgegeven", "other"),
    Rule("control", "noun", r"verovering|inname|val(?=\s+van)|overname|herovering|bevrijding"),
    Rule("control", "verb", verbs("nl", *_WITHDRAW), "other"),
    Rule("control", "noun", r"terugtrekking|aftocht|verlies(?=\s+van\s+(?:de\s+(?:stad|plaats|havenstad)\s+)?(?-i:[A-Z]))", "other"),
    Rule("control", "inf", infinitives("nl", *_WITHDRAW), "other"),
    Rule("control", "inf", r"in\s+te\s+nemen|te\s+(?:veroveren|heroveren)|terug\s+te\s+veroveren|te\s+bezetten|te\s+bevrijden|beslag\s+te\s+leggen\s+op|binnen\s+te\s+halen|te\s+vallen"),
    # fighting: ground combat at, near or towards the place
    Rule("fighting", "noun", r"\w*gevecht(?:en)?|strijd|veldslag|slag(?=\s+(?:om|bij|in|rond))|\w*offensief|opmars|bestorming|belegering|omsingeling|terreinwinst|slagveld|verliezen|doorbraak|confrontaties?|schermutselingen?|verdedigers(?=\s+van\b)|frontstad"),
    Rule("fighting", "verb", r"vecht(?:en)?|vochten|gevochten|bestormd(?:e|en)?|bestormen|belegerd(?:e|en)?|omsingeld(?:e|en)?|omsingelen|opgerukt|oprukken|afgeslagen|afgeweerd|binnengedrongen|binnengevallen"),
    Rule("fighting", "verb", rf"(?:rukt|rukken|rukte|rukten|drong|drongen){_SEP}(?:op|binnen)(?=\W|$)"),
    Rule("fighting", "verb", rf"(?:staan|stonden|staat|stond){_SEP}tegenover"),
    Rule("fighting", "verb", verbs("nl", *_ADVANCE)),
    Rule("fighting", "inf", r"op\s+te\s+rukken|te\s+omsingelen|te\s+bestormen"),
    Rule("fighting", "inf", infinitives("nl", *_ADVANCE)),
    Rule("fighting", "adj", r"zwaar\s*bevochten|bevochten|belegerde|omsingelde|omstreden|zwaar\s+omkampte"),
    # strike: remote fire; the weapon as a passive's agent ("door drones getroffen")
    Rule("strike", "verb", r"(?:explosies|ontploffingen|inslagen|raketten|drones|granaten|bommen)\s+(?:getroffen|geraakt|aangevallen|beschoten|beschadigd|verwoest)|(?:geraakt|getroffen|aangevallen|beschadigd)\s+door\s+(?:[\w-]+\s+){0,3}?(?:explosies|ontploffingen|inslagen|raketten|drones|granaten|bommen)"),
    Rule("strike", "noun", r"\w*beschieting(?:en)?|\w*bombardement(?:en)?|\w*raket(?:ten|aanval(?:len)?|inslag(?:en)?)?|\w*drones?(?:aanval(?:len)?)?|luchtaanval(?:len)?|artillerie(?:vuur|-?aanval(?:len)?|-?beschietingen?)?|granaatinslag(?:en)?|inslag(?:en)?|explosies?|ontploffing(?:en)?|bommen|\w*aanslag(?:en)?"),
    Rule("strike", "verb", r"onder\s+(?:[\w-]+\s+){0,2}?\w*vuur|bombardeert|" + verbs("nl", *_STRIKE)),
    Rule("strike", "verb", r"bestookt(?:e|en)?|bestoken|beschiet|beschieten|beschoot|beschoten|gebombardeerd|bombardeerde(?:n)?|getroffen|trof|troffen|onder\s+vuur"),
    Rule("strike", "adj", r"(?:zwaar\s+)?beschoten|gebombardeerde"),
    Rule("attack", "noun", r"\w*aanval(?:len)?"),
    Rule("attack", "verb", rf"aangevallen|(?:valt|vallen|viel|vielen){_SEP}aan(?=\W|$)"),
)

# Every trigger above holds one of these (tests/test_events.py checks it on every case).
STEMS = tuple("""genomen neem nader dring overmeester bestok handen controle bezetting gezag gecontroleerd bezet gehouden gezind geannexeerd verover ingenomen innam nam neemt nemen val viel overgenomen overmeesterd beslag vlag hesen herover teruggewonnen bevrijd trok trek verla verliet ontruim gaf gaven opgegeven inname overname aftocht halen gevecht strijd slag offensief opmars bestorm beleger omsingel terreinwinst verliez doorbraak confrontatie schermutseling verdedigers frontstad vecht vocht ruk drong tegenover omstreden omkampt bestook houd hield beschiet beschot beschoot bombard raket drone aanval artillerie inslag explosie ontploff bommen aanslag trof vuur granat""".split())

WORDS = Words(
    rules=RULES,
    stems=STEMS,
    side_ru=_RU,
    side_ua=_UA,
    negation=r"niet(?!\s+alleen)|geen|nooit|nergens|noch|allerminst|zonder|niet\s+langer",
    hypothetical=r"kan|kunnen|zal|zullen|zou|zouden|moet|moeten|mag|mogen|wellicht|misschien|dreigt|dreigen",
    reportative=r"zou(?:den)?\b(?=.*\b(?:hebben|zijn)\b)(?!.*\bkunnen\b)",
    plan=r"wil|willen|wilde|wilden|wilt|plan\w*|van\s+plan|dreig\w*|hoopt|hopen|hoopte|beoog\w*|doel|streeft|streven|belooft|beloofd|beloven|voorbereid\w*|bereidt|bevel|beval|bevolen|verwacht\w*|opdracht",
    attempt=r"pogingen?|probe\w*|tracht\w*|poogt|pogen|poogden|alles\s+op\s+alles|drang|moeite|tevergeefs",
    success=r"wisten|wist|slaagden|slaagde|gelukt|lukte|geslaagd",
    conditional=r"indien|tenzij|mochten|ingeval|wanneer|(?<!zowel\s)(?<!zoals\s)(?<!steden\s)(?<!dorpen\s)(?<!bekend\s)(?<!gezien\s)als(?!\s+(?:gevolg|een|het\s+ware|onderdeel|reactie|zodanig|eerste|laatste|enige|belangrijkste|zijn|haar|hun))",
    verb_first=r"valt|vallen|verovert|veroveren|neemt|nemen|zal|zullen|kan|kunnen|wordt|worden|is|zijn|heeft|hebben|gaat|gaan|blijft|lukt|slaagt",
    denial=r"ontk\w*|weerspr\w*|tegengesproken|dementeert|gedementeerd|verwerpt|nepnieuws",
    claim=r"\b(?:beweer\w*|beweren|bewering\w*|claim\w*|opgeëist|naar\s+verluidt|zogenaamd\w*|(?:eist|eisten|eiste)\s+(?:[\w-]+\s+){0,5}?op|niet\s+(?:onafhankelijk\s+)?(?:te\s+|worden\s+)?(?:verifi\w*|geverifieerd|bevestig\w*|gecontroleerd|controleren))\b",
    attribution=r"volgens|aldus|zegt|zeggen|zei|zeiden|meldt|melden|meldde|meldden|verklaarde|verklaart|liet\s+weten|laat\s+weten|maakte\s+bekend|stelt|stelde",
    party=rf"{_RU}|{_UA}|Poetin|Zelensky|Zelenski|\w*minister\w*|leger|legerleiding|generale\s+staf|opperbevelhebber|bevelhebber|commandant|woordvoerder|strijdkrachten|Prigozjin|Sjojgoe|Gerasimov|Zaloezjny|Syrsky",
    confirm=r"bevestigt|bevestigde|bevestigd|blijkt|bleek|lijkt|lijken|leek|leken",
    local_official=r"gouverneur|burgemeester|regiohoofd|stadsbestuur|lokale\s+autoriteiten|(?:regionale\s+)?(?:militaire\s+)?(?:regionaal\s+)?(?:militair\s+)?(?:bestuur|administratie)\s+van|hoofd\s+van\s+de\s+(?:regio|provincie|oblast)",
    loc_prep=r"in|bij|boven|nabij|rond|rondom|buiten|binnen|vlakbij|dichtbij|in\s+de\s+buurt\s+van|aan\s+de\s+rand\s+van|op\s+de\s+toegangswegen\s+(?:naar|van)|in\s+de\s+omgeving\s+van|ten\s+(?:noord|zuid)?(?:oosten|westen|noorden|zuiden)\s+van|(?:kilometer|km)\s+(?:van|buiten)",
    noun_prep=r"in|bij|rond|rondom|om|op|tegen|van|voor|naar|richting|nabij|buiten|aan|over|in\s+de\s+buurt\s+van",
    source_prep=r"vanuit|uit|weg\s+uit",
    toward_prep=r"richting|naar|in\s+de\s+richting\s+van|nabij|bij|rond|rondom|buiten|vlakbij|in\s+de\s+buurt\s+van|aan\s+de\s+rand\s+van|op\s+weg\s+naar",
    partial=r"deel|delen|gedeelte|wijk|wijken|woonblokken|blokken|huizenblokken|stadsdeel|stadsdelen|buitenwijken|rand|straten|posities|stellingen|kilometer|meter|terrein|terreinwinst",
    filler=r"de|het|een|die|dat|deze|strategisch|gelegen|zwaar|vrijwel|grotendeels|nog|al|oostelijke|westelijke|centrum|rand|buitenwijken|van|\d+",
    town_noun=_TOWN,
    locator=r"op|linker|rechter|oever|oevers|kant|in|bij|nabij|buiten|vlakbij|dichtbij|even|vlak|net|de|het|een|van|buurt|omgeving|ten|noorden|zuiden|oosten|westen|noordoosten|zuidoosten|noordwesten|zuidwesten|kilometer|km|hoofdstad|stad|regio|provincie|oblast|land|\d+|(?-i:[A-Z])[\w’'-]*",
    relative=r"waar|die|dat|wat|waarvan|waarin|waarop|waarbij|dewelke",
    indefinite=r"een|enige|eventuele|mogelijke",
    ground=r"troepen|leger|legers|soldaten|militairen|infanterie|grondtroepen|eenheden|brigades?|tanks|pantser\w*|huurlingen|strijders|bestorm\w*|afgeslagen|offensief|opmars|opgerukt|oprukken|stellingen|posities|bataljon\w*",
    clause_break=r"maar|terwijl|hoewel|doch|echter|en(?=\s+(?:zijn|is|hebben|heeft|waren|was|worden|wordt|werd|werden)\s)",
    months=(
        (r"januari|jan\.", 1), (r"februari|feb\.", 2), (r"maart|mrt\.", 3), (r"april|apr\.", 4),
        (r"mei", 5), (r"juni", 6), (r"juli", 7), (r"augustus|aug\.", 8),
        (r"september|sept?\.", 9), (r"oktober|okt\.", 10), (r"november|nov\.", 11),
        (r"december|dec\.", 12),
    ),
    vague=r"midden|begin|eind|medio|half|halverwege|(?:eerste|tweede)\s+helft\s+van",
    since=r"sinds|sedert|vanaf",
    side_place=r"Rusland|Oekraïne|Moskou|Kiev|Kyiv|Kremlin",
    place_prep=r"in|naar|uit|van|aan|binnen|tegen|met|over|voor|op",
    agent=r"door",
    definite=r"de|het|die|deze|dat",
    report_prep=r"volgens|aldus",
    not_actor=r"linies?|stellingen|posities|verdedigingslinies?|grondgebied|bodem|grens|kant",
    that=r"dat",
    across=r"over|achter|naar|richting",
    listing=r"onder\s+meer|onder\s+andere|waaronder|inclusief|zoals",
    undergo=r"kreeg|krijgt|kregen|krijgen|onderging|ondergaat|ondergingen|doelwit",
    repel=r"afgeslagen|afgeweerd",
    resume=r"is|was|zijn|waren|blijft|bleef|bleven|ligt|lag|heeft|had|hadden|wordt|werd|werden",
    quantity=r"meerdere|enkele|verschillende|tientallen|talrijke|tal|vele|een\s+aantal|twee|drie|vier|vijf|zes|zeven|acht|negen|tien",
)
