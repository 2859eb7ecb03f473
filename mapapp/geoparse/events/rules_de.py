"""German war reporting: the words of events, written from the language.

German puts the finite verb second and the participle last ("Russische
Truppen haben Soledar eingenommen"), splits separable verbs ("nahmen … ein",
"rückten … vor"), writes infinitives with "zu" inside ("einzunehmen") and
compounds as one word ("Raketenangriffe", "Häuserkampf"). Hearsay is "soll
… erobert haben" or "will … erobert haben" (a party's claim), "nach
eigenen Angaben", "angeblich"; "könnte fallen" is a forecast.
"""

from __future__ import annotations

from mapapp.geoparse.events.conjugate import infinitives, verbs
from mapapp.geoparse.events.lexicon import Rule, Words

_RU = r"pro-?russische\w*|Russen|russische\w*|Russland\w*|Moskau|Kreml|Wagner(?:-\w+)?|Söldner\w*|Separatisten|Besatzer\w*|Invasoren|Kadyrow\w*|tschetschenische\w*"
_UA = r"Ukrainer\w*|ukrainische\w*|Ukraine|Kiew|Kyjiw|Asow\w*"
_SIDE = rf"(?:{_RU}|{_UA})"
_TOWN = r"\w*[Ss]tadt|\w*[Ss]tädte|Ortschaft(?:en)?|Ort|Orte|Dorf|Dörfer|Kleinstadt|Hafenstadt|Hauptstadt|Region|Gebiets?|Oblast|Provinz|Bezirk|Halbinsel"
_SEP = r"(?:\s+[\w’'-]+){1,6}?\s+"
# The concepts' lemmas (conjugate.py makes every finite form, participle and split verb)
_CAPTURE = ("erobern", "zurück|erobern", "ein|nehmen/nahm/genommen/nimmt", "besetzen",
            "überrennen/überrannte/überrannt", "zurück|gewinnen/gewann/gewonnen")
_WITHDRAW = ("zurück|ziehen/zog/gezogen", "ab|ziehen/zog/gezogen", "räumen")
# not aufgeben: "gibt", "geben" would open the cheap gate everywhere (its forms are below)
_ENTER = ("ein|marschieren", "ein|rücken", "ein|dringen/drang/gedrungen", "ein|ziehen/zog/gezogen")
_ADVANCE = ("vor|rücken", "vor|stoßen/stieß/gestoßen/stößt", "vor|dringen/drang/gedrungen",
            "ein|kesseln", "umzingeln", "ein|schließen/schloss/geschlossen",
            "belagern", "stürmen", "kämpfen", "ab|wehren", "zurück|schlagen/schlug/geschlagen/schlägt",
            "heran|rücken", "näher|rücken", "zurück|drängen")
_STRIKE = ("beschießen/beschoss/beschossen/beschießt", "bombardieren")  # not treffen: also "meet"

RULES = (
    # held
    Rule("held", "verb", r"in\s+(?:russischer|ukrainischer)\s+Hand"),
    Rule("held", "verb", r"unter\s+(?:russischer|ukrainischer)\s+(?:Kontrolle|Besatzung|Besetzung|Herrschaft)"),
    Rule("held", "adj", r"(?:von|durch)\s+(?:[\w-]+\s+){0,3}?(?:kontrollierte\w*|besetzte\w*|gehaltene\w*|annektierte\w*)"),
    Rule("held", "adj", r"(?:russisch|ukrainisch)(?:\s+|-)(?:besetzte\w*|kontrollierte\w*)"),
    Rule("held", "adj", r"(?:besetzte\w*|annektierte\w*)(?=\s+(?:" + _TOWN + r"|Halbinsel|Gebiete?n?|(?-i:[A-Z])))", "RU"),
    Rule("held", "verb", r"(?:hält|halten|hielt|hielten|kontrolliert|kontrollieren|kontrollierte|kontrollierten)(?=\s+(?:(?:weiterhin|noch|immer|nach\s+wie\s+vor|die\s+Stadt|das\s+Dorf|den\s+Ort|die\s+Ortschaft)\s+)*(?-i:[A-Z]))(?![^.;:]*\b(?:für|fest|inne|aus|ab|zurück|an|stand|Stand|Wort|Rede)\b)"),
    Rule("held", "verb", r"(?:kontrolliert|kontrollieren|halten|hält)(?=(?:\s+[\w-]+){0,3}?\s+(?:weiterhin|noch|nach\s+wie\s+vor))"),
    # entering: fighting, or control where the other side left (reader._kind)
    Rule("enter", "verb", verbs("de", *_ENTER)),
    # control
    Rule("control", "verb", r"erobert(?:e|en)?|erobern|eingenommen|einnehmen|zurückerobert(?:e|en)?|zurückerobern|besetzt(?:e|en)?|eingekesselt\s+und\s+eingenommen|unter\s+(?:\w+\s+)?Kontrolle\s+(?:gebracht|brachten|brachte)"),
    Rule("control", "verb", rf"(?:nahm|nahmen|nimmt|nehmen){_SEP}ein(?=\W|$)"),
    Rule("control", "verb", verbs("de", *_CAPTURE)),
    Rule("control", "verb", verbs("de", *_WITHDRAW), "other"),
    Rule("control", "verb", rf"gefallen|fiel|fielen|fällt(?!{_SEP}(?:aus|an|auf|ab|zurück)\b)"),
    Rule("control", "verb", r"Flagge\s+(?:\w+\s+){0,3}?gehisst|hissten\s+(?:\w+\s+){0,3}?Flagge"),
    Rule("control", "verb", r"befreit(?:e|en)?|befreien", "UA"),
    Rule("control", "verb", rf"(?:zog|zogen|zieht|ziehen){_SEP}(?:zurück|ab)(?=\W|$)|zurückgezogen|abgezogen|geräumt|räumten|räumte|aufgegeben|(?:gaben|gab){_SEP}auf(?=\W|$)|verlassen|verließen", "other"),
    Rule("control", "noun", r"Eroberung|Einnahme|Fall(?=\s+(?:von|des|der)\b)|Rückeroberung|Übernahme"),
    Rule("control", "noun", r"Befreiung", "UA"),
    Rule("control", "noun", r"Rückzug|Abzug|Verlust(?=\s+(?:von|der\s+Stadt|des\s+Ortes)\s+(?-i:[A-Z]))", "other"),
    Rule("control", "inf", infinitives("de", *_WITHDRAW), "other"),
    Rule("control", "inf", r"einzunehmen|zu\s+erobern|zurückzuerobern|zu\s+befreien|zu\s+besetzen|unter\s+Kontrolle\s+zu\s+bringen"),
    # fighting
    Rule("fighting", "noun", r"\w*[Kk]ämpfe\w*|\w*[Kk]ampf|Gefecht\w*|Schlacht|\w*[Oo]ffensive|Vormarsch|Vorstoß|Sturm|Erstürmung|Belagerung|Einkesselung|Umzingelung|Einkreisung|Verluste|Gebietsgewinne|Geländegewinne|Verteidiger(?=\s+(?:von|der|des)\b)|Bodenangriffe?"),
    Rule("fighting", "verb", rf"kämpf\w*|gekämpft|stürmen|stürmten|gestürmt|belagert\w*|eingekesselt|umzingelt|eingeschlossen|vorgerückt|vorrücken|eingedrungen|abgewehrt|zurückgeschlagen|(?:wehrt|wehrten|wehrte){_SEP}ab(?=\W|$)"),
    Rule("fighting", "verb", rf"(?:rückt|rücken|rückte|rückten|drang|drangen|stießen|stieß){_SEP}(?:vor|ein)(?=\W|$)"),
    Rule("fighting", "verb", verbs("de", *_ADVANCE)),
    Rule("fighting", "inf", r"einzukesseln|vorzurücken|zu\s+stürmen|" + infinitives("de", *_ADVANCE)),
    Rule("fighting", "adj", r"(?:hart\s+|schwer\s+)?umkämpfte\w*|belagerte\w*|eingekesselte\w*"),
    # strike
    # the weapon as the agent of a passive ("von Explosionen erschüttert"), or as subject
    Rule("strike", "verb", r"(?:Explosionen|Detonationen|Einschläge\w*|\w*[Rr]aketen|\w*[Dd]rohnen|Granaten|Bomben)\s+(?:erschüttert\w*|heimgesucht|getroffen|angegriffen|attackiert|beschossen|beschädigt|zerstört)"),
    Rule("strike", "noun", r"\w*[Bb]eschuss|Artillerie(?:beschuss|feuer|angriffe?n?)?|\w*[Rr]aketen?(?:angriffe?n?|beschuss|einschlag|einschläge|schläge?|treffer)?|\w*[Dd]rohnen?(?:angriffe?n?|attacken?|schläge?)?|Luftangriffe?n?|Luftschläge?n?|Bombardements?|Bomben\w*|Explosion(?:en)?|Einschläge?n?|Granat\w*"),
    Rule("strike", "verb", r"beschossen|beschießt|beschießen|beschoss|bombardiert\w*|getroffen|traf|trafen|unter\s+(?:schwere\w*\s+)?(?:[\w-]+\s+){0,2}?\w*(?:[Ff]euer|[Bb]eschuss)"),
    Rule("strike", "verb", verbs("de", *_STRIKE)),
    Rule("attack", "noun", r"Angriff\w*|Attacke\w*"),
    Rule("attack", "verb", rf"angegriffen|attackiert\w*|(?:greift|greifen|griff|griffen){_SEP}an(?=\W|$)"),
)

# Every trigger above holds one of these (tests/test_events.py checks it on every case).
STEMS = tuple("""dräng marsch gewann nehm schläg überr gewinn gewonn schließ schloss geschlossen dring gestoßen stoß stöß wehr schlag schlug näher heran verlust hand kontroll besatzung besetz herrschaft gehalten annektiert halt hält hielt wehr erober eingenommen einnehm nahm nimmt nehmen fall fiel fäll flagge hisst befrei zog zieh räum gab aufgegeben verlass verließ einnahme übernahme rückzug abzug kämpf kampf gefecht schlacht offensive vormarsch vorstoß sturm stürm belager kessel umzingel einkreis verluste gewinne verteidiger angriff eingeschlossen rück drang drung stieß abgewehrt geschlagen beschuss beschoss beschieß artillerie rakete drohne luftschl bombard bomben explosion einschl granat getroffen traf feuer attack greif griff""".split())

WORDS = Words(
    rules=RULES,
    stems=STEMS,
    side_ru=_RU,
    side_ua=_UA,
    negation=r"nicht(?!\s+nur)|kein\w*|nie|niemals|ohne|weder|nirgends",
    hypothetical=r"kann|können|könnte\w*|würde\w*|dürfte\w*|müsste\w*|muss|müssen|soll|sollen|sollte\w*|möglicherweise|vielleicht",
    reportative=r"soll(?:en|te|ten)?\b(?=.*\b(?:haben|sein)\b)(?!.*\bkönnen\b)",
    plan=r"kündig\w*|angekündigt|Ankündigung|will(?!(?:\s+[\w-]+){0,5}?\s+\w+(?:t|en)\s+haben)|wollen|wollte\w*|plan\w*|droh(?!ne)\w*|hofft|hoffen|Ziel|beabsichtig\w*|vorbereit\w*|bereitet|befahl|befohlen|Befehl|angeordnet|ordnete|verspricht|versprach|erwartet\w*",
    attempt=r"versuch\w*|Versuch\w*|bemüh\w*|scheitert\w*|gescheitert|vergeblich|Anlauf",
    success=r"gelang|gelungen|geschafft|schafften|schaffte",
    conditional=r"wenn|falls|sofern|im\s+Falle|ob",
    verb_first=r"fällt|fiele|sollte|würde|wird|kann|könnte|ist|sind|hat|haben|gelingt",
    denial=r"dementiert\w*|bestreit\w*|bestritt\w*|zurückgewiesen|leugne\w*|Falschmeldung",
    claim=r"\b(?:behaupt\w*|angeblich\w*|reklamiert\w*|beansprucht\w*|nach\s+eigenen\s+Angaben|(?:nicht|nie)\s+unabhängig\s+(?:\w+\s+)?(?:überprüf\w*|bestätig\w*|verifizier\w*|prüfen)|unbestätigt\w*|will(?=(?:\s+[\w-]+){0,5}?\s+\w+(?:t|en)\s+haben))\b",
    attribution=r"laut|verkündet\w*|gemeldet|meldeten|berichtet|berichteten|nach\s+Angaben|zufolge|sagte|sagt|sagten|erklärte|erklärt|teilte\s+(?:\w+\s+){0,3}?mit|meldete|meldet|berichtete|hieß\s+es",
    party=rf"{_RU}|{_UA}|\w*[Mm]inister\w*|Putin|Selenskyj\w*|Ministerium|Verteidigungsministerium|Armee|Militär|Generalstab|Kommandeur\w*|Befehlshaber|Sprecher|Streitkräfte|Truppen|Prigoschin|Schoigu|Gerassimow|Saluschnyj|Syrskyj",
    confirm=r"bestätigt|bestätigte|bestätigten|scheint|scheinen|schien|offenbar|offensichtlich|verifiziert",
    local_official=r"Gouverneur\w*|Bürgermeister\w*|\w*[Mm]ilitärverwaltung|Regionalverwaltung|Stadtverwaltung|Regionalchef\w*|Gebietsverwaltung|Verwaltungschef\w*",
    loc_prep=r"in|im|bei|beim|nahe|um|rund\s+um|außerhalb|innerhalb|vor|am\s+(?:Stadt)?[Rr]and\s+von|in\s+der\s+Nähe\s+von|unweit|(?:nord|süd)?(?:östlich|westlich)|nördlich|südlich|(?:Kilometer|km)\s+(?:von|vor|außerhalb)",
    noun_prep=r"in|im|um|bei|auf|gegen|von|vor|nahe|nach|Richtung|an|über|für|des|der",
    source_prep=r"aus|vom",
    toward_prep=r"Richtung|in\s+Richtung|nach|nahe|bei|um|vor|auf|gegen|am\s+Stadtrand\s+von|in\s+der\s+Nähe\s+von|westlich|östlich|nördlich|südlich",
    partial=r"Teil|Teile|Teilen|Stadtteil\w*|Viertel|Vorort\w*|Rand|Stadtrand|Häuserblöcke?n?|Blöcke|Straßen|Positionen|Stellungen|Meter|Kilometer|Gelände",
    filler=r"der|die|das|den|dem|des|ein|eine|einen|einer|strategisch|wichtige\w*|von|vom|Rand|Stadtrand|Zentrum|\d+",
    town_noun=_TOWN,
    locator=r"am|an|linken|rechten|Ufer|Seite|in|im|bei|nahe|unweit|außerhalb|der|die|das|dem|des|von|Nähe|Rand|nördlich|südlich|östlich|westlich|Kilometer|km|Hauptstadt|Stadt|Region|Gebiet|Oblast|Provinz|Land|\d+|(?-i:[A-Z])[\w’'-]*(?:e|en|er|es|em)",
    relative=r"wo|die|der|das|welche\w*|in\s+der|in\s+dem|um\s+die|um\s+das",
    indefinite=r"eine|einer|ein|einen|mögliche\w*|etwaige\w*",
    ground=r"Truppen|Armee|Heer|Streitkräfte|Soldaten|Infanterie|Bodentruppen|Einheiten|Brigaden?|Panzer\w*|Söldner\w*|Kämpfer|Sturm\w*|abgewehrt|Offensive|Vormarsch|Stellungen|Positionen|Bataillon\w*",
    clause_break=r"aber|doch|während|obwohl|jedoch|sondern|und(?=\s+(?:sind|ist|haben|hat|wurde|wurden|wird|werden|war|waren)\s)",
    months=(
        (r"Januar|Jänner|Jan\.", 1), (r"Februar|Feb\.", 2), (r"März", 3), (r"April|Apr\.", 4),
        (r"Mai", 5), (r"Juni", 6), (r"Juli", 7), (r"August|Aug\.", 8),
        (r"September|Sept?\.", 9), (r"Oktober|Okt\.", 10), (r"November|Nov\.", 11),
        (r"Dezember|Dez\.", 12),
    ),
    vague=r"Mitte|Anfang|Ende|Beginn|Ausgang",
    since=r"seit(?:\s+dem)?|ab(?:\s+dem)?",
    side_place=r"Russland|Ukraine|Moskau|Kiew|Kyjiw|Kreml",
    place_prep=r"in|im|nach|aus|gegen|über|auf|für|der",
    agent=r"von|durch|an",
    definite=r"der|die|das|den|dem|des|diese\w*",
    not_actor=r"Linien?|Stellungen|Positionen|Verteidigungslinien?|Gebiet|Boden|Grenze|Seite",
    that=r"dass",
    report_prep=r"laut|nach\s+(?:eigenen\s+)?Angaben|gemäß",
    across=r"über|hinter|nach|Richtung|auf",
    listing=r"darunter|unter\s+anderem|einschließlich|etwa|wie",
    undergo=r"erlebte|erlebt|erlitt|erleidet|geriet|gerät|Ziel",
    repel=rf"abgewehrt|zurückgeschlagen|(?:wehrt|wehrten|wehrte){_SEP}ab",
    resume=r"ist|war|sind|waren|bleibt|blieb|blieben|liegt|lag|hat|hatte|hatten|wird|wurde|wurden|steht|stand",
    quantity=r"mehrere\w*|zahlreiche\w*|einige\w*|viele\w*|Dutzende\w*|etliche\w*|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn",
)
