"""The demo content of Cinema One, as plain data.

`python manage.py load_demo` reads this module and writes it to the database.
Facts (names, years, runtimes, credits, quoted lines, the Drive trivia) come
from the editor's seed material and the public record; every sentence of prose
is Cinema One's own.

Shapes, so the loader stays dumb:

- a film's `entries` maps a section key (see `SECTIONS` in the loader) to either
  a list of (heading, body) pairs or, for the single-entry modules, one pair;
  the quote module is (heading, quote, body);
- `credits` holds people by slug: `directors` [slug], `cast` [(slug, character)],
  `crew` [(slug, job)], each list in billing order;
- `palette` feeds the generated placeholder backdrop and photos.
"""

GENRES = {
    "crime": "Crime",
    "drama": "Drama",
    "thriller": "Thriller",
    "horror": "Horror",
}

PEOPLE = {
    # Directors
    "nicolas-winding-refn": (
        "Nicolas Winding Refn",
        "Danish writer-director, born in Copenhagen in 1970, who broke through with the Pusher films and "
        "went on to Bronson, Valhalla Rising and Drive. His work favours saturated colour, long silences and "
        "violence that arrives without warning.",
    ),
    "michael-mann": (
        "Michael Mann",
        "American director, writer and producer, born in Chicago in 1943. From Thief onwards his crime films "
        "study professionals at night: people defined by method, rooms full of glass, and cities that glow.",
    ),
    "martin-scorsese": (
        "Martin Scorsese",
        "American director, born in New York in 1942, whose films from Mean Streets onwards made the city, "
        "Catholic guilt and male violence the material of modern American cinema.",
    ),
    "jean-pierre-melville": (
        "Jean-Pierre Melville",
        "French director (1917–1973) whose spare, ritual crime films — Le Deuxième Souffle, Le Samouraï, "
        "Le Cercle rouge — gave the cool, laconic professional his screen grammar.",
    ),
    # Drive
    "ryan-gosling": ("Ryan Gosling", "Canadian actor, born in 1980."),
    "carey-mulligan": ("Carey Mulligan", "English actor, born in 1985."),
    "bryan-cranston": ("Bryan Cranston", "American actor, born in 1956."),
    "albert-brooks": ("Albert Brooks", "American actor, writer and director, born in 1947."),
    "oscar-isaac": ("Oscar Isaac", ""),
    "christina-hendricks": ("Christina Hendricks", ""),
    "ron-perlman": ("Ron Perlman", ""),
    "newton-thomas-sigel": ("Newton Thomas Sigel", ""),
    "hossein-amini": ("Hossein Amini", ""),
    "cliff-martinez": (
        "Cliff Martinez",
        "American composer and former drummer whose electronic scores shaped three Refn films.",
    ),
    "mat-newman": ("Mat Newman", "Film editor and a regular collaborator of Nicolas Winding Refn."),
    "beth-mickle": ("Beth Mickle", ""),
    # Only God Forgives
    "kristin-scott-thomas": ("Kristin Scott Thomas", ""),
    "vithaya-pansringarm": ("Vithaya Pansringarm", ""),
    "tom-burke": ("Tom Burke", ""),
    "rhatha-phongam": ("Rhatha Phongam", ""),
    "gordon-brown": ("Gordon Brown", ""),
    "larry-smith": ("Larry Smith", ""),
    # The Neon Demon (draft: these people appear on no public page)
    "elle-fanning": ("Elle Fanning", ""),
    "jena-malone": ("Jena Malone", ""),
    "bella-heathcote": ("Bella Heathcote", ""),
    "abbey-lee": ("Abbey Lee", ""),
    "keanu-reeves": ("Keanu Reeves", ""),
    "natasha-braier": ("Natasha Braier", ""),
    "mary-laws": ("Mary Laws", ""),
    "polly-stenham": ("Polly Stenham", ""),
    # Thief
    "james-caan": ("James Caan", ""),
    "tuesday-weld": ("Tuesday Weld", ""),
    "willie-nelson": ("Willie Nelson", ""),
    "james-belushi": ("James Belushi", ""),
    "robert-prosky": ("Robert Prosky", ""),
    "dennis-farina": ("Dennis Farina", ""),
    "donald-e-thorin": ("Donald E. Thorin", ""),
    "tangerine-dream": ("Tangerine Dream", "German electronic group founded by Edgar Froese in 1967."),
    # Collateral
    "tom-cruise": ("Tom Cruise", ""),
    "jamie-foxx": ("Jamie Foxx", ""),
    "jada-pinkett-smith": ("Jada Pinkett Smith", ""),
    "mark-ruffalo": ("Mark Ruffalo", ""),
    "peter-berg": ("Peter Berg", ""),
    "javier-bardem": ("Javier Bardem", ""),
    "stuart-beattie": ("Stuart Beattie", ""),
    "dion-beebe": ("Dion Beebe", ""),
    "paul-cameron": ("Paul Cameron", ""),
    "james-newton-howard": ("James Newton Howard", ""),
    # Heat
    "al-pacino": ("Al Pacino", ""),
    "robert-de-niro": ("Robert De Niro", "American actor, born in New York in 1943."),
    "val-kilmer": ("Val Kilmer", ""),
    "jon-voight": ("Jon Voight", ""),
    "tom-sizemore": ("Tom Sizemore", ""),
    "diane-venora": ("Diane Venora", ""),
    "ashley-judd": ("Ashley Judd", ""),
    "dante-spinotti": ("Dante Spinotti", ""),
    "elliot-goldenthal": ("Elliot Goldenthal", ""),
    # Taxi Driver
    "jodie-foster": ("Jodie Foster", ""),
    "cybill-shepherd": ("Cybill Shepherd", ""),
    "harvey-keitel": ("Harvey Keitel", ""),
    "peter-boyle": ("Peter Boyle", ""),
    "paul-schrader": ("Paul Schrader", ""),
    "michael-chapman": ("Michael Chapman", ""),
    "bernard-herrmann": ("Bernard Herrmann", ""),
    # Le Samouraï
    "alain-delon": ("Alain Delon", "French actor (1935–2024)."),
    "francois-perier": ("François Périer", ""),
    "nathalie-delon": ("Nathalie Delon", ""),
    "cathy-rosier": ("Cathy Rosier", ""),
    "henri-decae": ("Henri Decaë", ""),
    "francois-de-roubaix": ("François de Roubaix", ""),
}

# Palettes for the generated placeholder images: dark gradients, one glow, light trails.
PALETTES = {
    "drive": {"top": "#07061a", "bottom": "#2a0630", "glow": "#ff2d95",
              "accents": ["#ff2d95", "#19e3d6", "#ff7ac8", "#3cf2ff"]},
    "only-god-forgives": {"top": "#0a0208", "bottom": "#3a0610", "glow": "#e0102a",
                          "accents": ["#e0102a", "#2233aa", "#ff5a3c"]},
    "the-neon-demon": {"top": "#05040f", "bottom": "#1a0b2e", "glow": "#6a5cff",
                       "accents": ["#ff3ba7", "#6a5cff", "#f2f2ff"]},
    "thief": {"top": "#02070b", "bottom": "#0c2230", "glow": "#4fb6d8",
              "accents": ["#4fb6d8", "#e8f4ff", "#ff9f43"]},
    "collateral": {"top": "#040807", "bottom": "#10261d", "glow": "#ffb347",
                   "accents": ["#ffb347", "#7ee0a8", "#ffd27a"]},
    "heat": {"top": "#04060b", "bottom": "#13203a", "glow": "#8fb8ff",
             "accents": ["#8fb8ff", "#c9d6ea", "#4b6fa8"]},
    "taxi-driver": {"top": "#0b0504", "bottom": "#2b0d08", "glow": "#ffcf3a",
                    "accents": ["#ffcf3a", "#ff4d2e", "#ffe9a8"]},
    "le-samourai": {"top": "#06080a", "bottom": "#1f262b", "glow": "#9fb0ba",
                    "accents": ["#9fb0ba", "#d8dde0", "#5d6d78"]},
}


# Drive's trivia (demo/drive_trivia.txt): how many of its items the demo publishes (the rest wait
# in the review list, with the file's two repeats), and which, by their first words, are spoilers.
TRIVIA_PUBLISHED = 16
TRIVIA_SPOILERS = ("Bernie kills Shannon", "In the last scene")


DRIVE = {
    "slug": "drive",
    "title": "Drive",
    "status": "live",
    "year": 2011,
    "runtime": 100,
    "rating": "7.8",
    "certification": "Not rated",
    "logline": (
        "A wheelman who barely speaks lets the family next door into his night-time routine, "
        "and the composure he lives inside cracks open into violence."
    ),
    "plot": (
        "By day the Driver fixes cars at Shannon's garage in Los Angeles and drives stunts for the movies; by "
        "night, for a fee and under strict rules, he drives getaway cars. Shannon, who runs all of this, wants to "
        "put him in a stock-car race and borrows the money from the gangster Bernie Rose and his partner Nino.\n\n"
        "The Driver grows close to his neighbour Irene and her small son Benicio while her husband, Standard, is in "
        "prison. When Standard comes home he owes protection money, and the men he owes threaten his wife and "
        "child. The Driver offers to drive, unpaid, for the pawn-shop robbery meant to clear the debt.\n\n"
        "The job is a set-up. Standard is shot dead outside the shop, a second car runs the Driver off the road, and "
        "the bag Blanche carries out holds a million dollars rather than forty thousand: money belonging to the East "
        "Coast mob, which Nino meant to steal. Blanche is killed in a motel room; the Driver kills the man sent "
        "for him in the lift, in front of Irene, and she backs away from him.\n\n"
        "Bernie kills Shannon to cover the trail. The Driver, in a stunt mask, drowns Nino on a beach, then meets "
        "Bernie to trade the money for Irene's safety. Bernie stabs him; the Driver kills Bernie, leaves the money "
        "by the body and drives off into the night, wounded, while Irene knocks at his empty door."
    ),
    "genres": ["crime", "drama"],
    "themes": ["loneliness", "performance", "violence", "romance", "self-erasure"],
    "trivia_file": "drive_trivia.txt",
    # What the French page shows in French: the rest falls back to the English (and says so).
    "french": {
        "logline": (
            "Un chauffeur qui ne parle presque pas laisse entrer la famille d'à côté dans ses nuits, "
            "et le calme dans lequel il s'est enfermé se fissure jusqu'à la violence."
        ),
        "entries": {
            "why_it_matters": [(
                "",
                "Drive mérite sa place parce qu'il retourne sa propre élégance contre son héros. Refn réduit "
                "l'histoire de braquage jusqu'à ce qu'il ne reste, de la vie intérieure du Driver, que le silence, "
                "une pulsation de synthétiseur, des routes de nuit désertes et des éclats de sang. Ce qui demeure "
                "est le portrait d'un homme dont la maîtrise est un rôle, et dont le premier véritable attachement "
                "fait remonter au grand jour la sauvagerie que ce rôle recouvrait.",
            )],
            "craft": [
                ("Atmosphère", "Le silence parle à sa place : rues au néon, ligne de synthé mélancolique et "
                               "immobilité patiente font le travail que l'intrigue fait d'ordinaire."),
                ("Violence", "De longues apnées, puis une brutalité soudaine ; chaque éclat nous oblige à relire "
                             "la rêverie dont nous profitions une minute plus tôt."),
                ("Identité", "Il est fait de pièces empruntées — le chevalier servant, le solitaire de cinéma "
                             "dont il semble s'être inspiré — et les vraies blessures apparaissent aux coutures."),
            ],
        },
        "themes": {"loneliness": "solitude", "performance": "jeu", "violence": "violence",
                   "romance": "romance", "self-erasure": "effacement de soi"},
    },
    "credits": {
        "directors": ["nicolas-winding-refn"],
        "cast": [
            ("ryan-gosling", "Driver"),
            ("carey-mulligan", "Irene"),
            ("bryan-cranston", "Shannon"),
            ("albert-brooks", "Bernie Rose"),
            ("oscar-isaac", "Standard"),
            ("christina-hendricks", "Blanche"),
            ("ron-perlman", "Nino"),
        ],
        "crew": [
            ("newton-thomas-sigel", "Cinematographer"),
            ("hossein-amini", "Screenplay"),
            ("cliff-martinez", "Music"),
            ("mat-newman", "Editor"),
            ("beth-mickle", "Production designer"),
        ],
    },
    "entries": {
        "why_it_matters": (
            "",
            "Drive earns its place by turning its own coolness into the case against its hero. Refn boils the "
            "heist story down until quiet, a throbbing synth score, empty night roads and sudden bloodshed are "
            "all we are given of the Driver's inner life. What is left is a portrait of someone whose self-control "
            "is an act, and whose first real attachment drags into daylight the savagery that act was covering.",
        ),
        "craft": [
            ("Mood", "Quiet does the talking: neon streets, a sorrowful synth line and unhurried stillness take "
                     "over the work that plot usually does."),
            ("Violence", "Stretches of held breath, then sudden brutality; each outburst makes us reread the "
                         "daydream we were enjoying a minute earlier."),
            ("Identity", "He is assembled from borrowed parts — the chivalric rescuer, the movie loner he seems "
                         "to have modelled himself on — with real damage showing at the seams."),
        ],
        "production_note": [
            ("", "Refn came to the story through Grimm's fairy tales, and Gosling talked about the part as the "
                 "superhero he never got to play, the scorpion jacket doubling as his costume. Between them, "
                 "those two ideas explain why the love story stays almost untouched and the punishment lands "
                 "like something out of legend."),
            ("", "After Gosling and Refn pared the script back, the Driver was left with 116 lines and 891 words "
                 "in the whole film. Everything else has to be carried by the face, the hands and the timing."),
            ("", "Albert Brooks, long cast as the anxious everyman, shaved off his eyebrows to flatten Bernie's "
                 "face. The danger in Bernie is that he stays pleasant: the friendliness never switches off, it "
                 "just stops meaning safety."),
            ("", "Newton Thomas Sigel came to the film with years of shooting cars, and Refn used that to keep the "
                 "opening getaway sealed inside the vehicle rather than turning it into a street-racing display. "
                 "Two days, low angles, little light."),
            ("", "Editor Mat Newman brought in Kavinsky's \"Nightcall\" for the opening credits, and from there the "
                 "songs and Cliff Martinez's score speak for a man who won't: the soundtrack is where his "
                 "feelings go."),
        ],
        "lens": [
            ("Core tension", "Everything the Driver does is designed to keep him unreadable, and the one thing he "
                             "wants — a place beside Irene and Benicio — depends on being read."),
            ("Best lens", "Treat every stylish object as protective gear — jacket, toothpick, driving gloves, "
                          "silence — and the film becomes a study of how long a frightened man's kit can hold "
                          "once someone he loves is in danger."),
            ("Refn lane", "The Refn toolkit at its most approachable: his colour and his slowness serve a genre "
                          "story for once, and the story is about one man's inner weather."),
            ("Page job", "Get past the poster. The scorpion jacket sells a fantasy; this page's job is to show how "
                         "grief-stricken and vicious that fantasy turns."),
        ],
        "production_file": [
            ("A thin plot, run hot",
             "Hossein Amini found James Sallis's short, time-jumping novel \"a very tricky structure\" for a "
             "feature, and the film solves it by going straight and lean. Refn moved his writer and part of his "
             "cast into his Los Angeles house, put the editing suite there too, and kept cutting dialogue from an "
             "81-page shooting script as they went. What survived is mostly waiting and looking."),
            ("Saying less, on purpose",
             "Gosling and Carey Mulligan turned down many of their scripted lines and played their scenes on looks "
             "instead. Bryan Cranston answered the silence by making Shannon a talker and improvising much of what "
             "he says, so the garage hums with all the chatter the hero keeps to himself."),
            ("The bill for the cool",
             "Everything we are invited to covet gets a second, uglier appearance. The scorpion jacket comes back "
             "soaked; the pink-lettered romance of the title sequence gives way to motels and back rooms; the same "
             "synth warmth plays under a killing. The film sells its style and then makes us pay for having "
             "bought it."),
            ("Shooting from the passenger seat",
             "Refn pictured the opening getaway as \"a diver in an ocean of sharks\" and would not let the camera "
             "leave the car. Short on time and money, the crew shot it in two days, low and sparsely lit, with "
             "Sigel's wide lenses pressed inside the cabin, where the police radio and the sweep of streetlights "
             "replace the usual chase montage. Elsewhere a \"biscuit rig\", first built for Seabiscuit, let stunt "
             "driver Robert Nagle steer while Gosling concentrated on acting."),
            ("A pop song in the dark",
             "The project nearly died at the first meeting: Refn was ill and came across as indifferent. On the "
             "drive home REO Speedwagon came on the radio, Refn sang along in tears, and told Gosling the film was "
             "about a man who drives around Los Angeles at night listening to pop songs. That origin explains the "
             "soundtrack's job — the songs carry the feeling the Driver keeps off his face."),
            ("Once upon a time in Los Angeles",
             "Refn set out to make a fairy tale against a Los Angeles backdrop, with the Driver as its hero. He "
             "did not know the city and has never held a driving licence — he has failed the test eight times — "
             "so Gosling drove him around at night and the locations came out of those rides. Read that way, "
             "Bernie and Nino are less gangsters than ogres, and the Driver's brutality is the storybook kind: "
             "total, and aimed at monsters."),
            ("Cast against the grain",
             "Albert Brooks met Refn in character, pinned him to the wall and spoke to him in a low, threatening "
             "voice. Ron Perlman won Nino by pitching him as a Jewish boy from New York who longs to be an Italian "
             "mobster. Both turns work the same way: the familiar face arrives first and the threat afterwards."),
        ],
        "scene_architecture": [
            ("The getaway that refuses to speed",
             "The opening teaches us how to watch the rest of the film. He parks when another driver would race, "
             "listens to the radio for the ball game and the police, and lets the crowd leaving the arena swallow "
             "the car. The drama is in what he chooses not to do, and every later scene measures how far he has "
             "drifted from that discipline."),
            ("The elevator: a kiss, then the stomp",
             "The whole romance is compressed into one slowed-down kiss and then spent. After the stomp Irene backs "
             "out of the lift and the doors slide shut between them: the film has shown her, and us, the price of "
             "his protection."),
            ("The last drive",
             "Bleeding, he sits in the car long enough for us to wonder whether he is alive, then starts it and "
             "leaves. No reunion, no reckoning with Irene; the film hands him back to the road, the one place he "
             "has always known who to be."),
        ],
        "afterlife": [
            ("The jacket outran the film",
             "Few recent films were turned into costume so fast: the satin scorpion jacket, the pink script and "
             "\"Nightcall\" travelled on their own. The film fed other work too — Jonatan Söderström named it as an "
             "inspiration for the game Hotline Miami, and Spin put the soundtrack on its list of forty movie "
             "soundtracks that changed alternative music. Worn without the story, though, the jacket loses the "
             "sadness that made it worth wearing."),
            ("Going back for the feeling",
             "The trailers sold a chase movie, and one viewer even sued because it was not one. The people who "
             "return are after something else: the hush, the synth glow, the dread of waiting for the calm to "
             "break. The BBC commissioned a re-scored version from Zane Lowe for a 2014 broadcast, and Invada "
             "Records pressed the soundtrack on vinyl for the fifth anniversary in 2016 — an afterlife lived "
             "through sound and mood, which is the kind Cinema One is built to read."),
        ],
        "signature_scene": (
            "Signature scene: the elevator, where the kiss and the killing share one light",
            "If a single scene holds the whole film, it is the elevator. Refn slows time for a kiss that is "
            "already a goodbye, warms the light around it, then snaps back to full speed as the Driver stamps a "
            "hitman to death in front of Irene. The cut from one to the other is the film's argument in miniature: "
            "his gentleness and his violence are one capacity, and Irene now knows it. Nothing between them can be "
            "simple after this. Refn asked Gaspar Noé how to make the stomp feel real, and even after the ratings "
            "board forced trims it is the film's point of no return.",
        ),
        "quote": (
            "Line worth carrying forward",
            "There's a hundred-thousand streets in this city. You don't need to know the route. "
            "You give me a time and a place, I give you a five-minute window.",
            "On the surface it is a job description. Heard again, it is a creed: no names, no shared routes, no "
            "time outside the window he sets. The Driver offers perfect reliability on the condition that nobody "
            "needs to know him — and the rest of the film is what happens when somebody does.",
        ),
        "ending": (
            "Why the ending stays open",
            "The last minutes withhold both rewards a crime fable usually pays out: a clean victory and a home to "
            "go back to. Irene knocks on a door nobody answers; the Driver, wounded, is already back in the car. "
            "Whether he lives matters less than the fact that he leaves — after what he has done, the ordinary "
            "life next door is closed to him. Refn later ruled out a sequel for exactly this reason: the film "
            "\"ends too imperfectly. And that's why it works.\"",
        ),
        "steelman": (
            "Steelman the debate: is Drive only surface?",
            "The sharpest objection is that Drive is a mood board: a beautifully chosen set of jackets, fonts and "
            "songs with thin people inside. Grant the thinness, then ask why it is there. The Driver has no name, "
            "no past and almost no words; what he has is a toothpick, a stunt driver's grip on the wheel, a "
            "memorised route and a playlist. Refn gives us nothing beneath the styling because the character has "
            "made sure there is nothing we are allowed to see — the gloss is his hiding place, and the film is "
            "about watching it fail.",
        ),
    },
    "photos": [
        {
            "title": "Gosling over the lines",
            "alt": "Placeholder image standing in for a behind-the-scenes photo of Ryan Gosling going over "
                   "material on the Drive set.",
            "why": "Watching Gosling study the pages is a reminder that the Driver's blankness was built line by "
                   "line, choice by choice.",
            "caption": "The minimalism was practised; this frame shows the practice.",
            "source": "ShotOnWhat",
        },
        {
            "title": "Refn on set",
            "alt": "Placeholder image standing in for a behind-the-scenes photo of Nicolas Winding Refn "
                   "directing Drive.",
            "why": "With the star out of frame, the image credits the person who decided how cold, slow and "
                   "bright the film would be.",
            "caption": "The film's mood had an author; here he is at work.",
            "source": "ShotOnWhat",
        },
        {
            "title": "Production stillness around the Driver",
            "alt": "Placeholder image standing in for a quiet behind-the-scenes photo from the Drive set.",
            "why": "No rush, no crowd: the calm of the set anticipates a film that keeps its menace under the "
                   "surface for most of its running time.",
            "caption": "Study it for the mood of the room rather than for who is in it.",
            "source": "ShotOnWhat",
        },
        {
            "title": "Gosling and Refn collaboration",
            "alt": "Placeholder image standing in for a behind-the-scenes photo of Ryan Gosling and "
                   "Nicolas Winding Refn working together on Drive.",
            "why": "Gosling picked Refn to direct, and the film carries the marks of that partnership: the actor "
                   "subtracting, the director amplifying everything around him.",
            "caption": "An actor who chose his director, and a director who built a film around that silence.",
            "source": "Movies In Focus",
        },
    ],
    "clips": [
        ("Boxoffice Movie Scenes", "Mood / thesis", "Legendary Intro",
         "The opening is a lesson in how he survives: he listens more than he drives, hides rather than "
         "outruns, and waits for the exact second to move. Refn builds suspense out of patience and denies us "
         "the roaring chase we expect, which is the whole point."),
        ("Valter Šreider", "Character code", "I Don't Carry a Gun, I Drive",
         "His rule fits in one sentence and leaves no room for negotiation; he is a specialist, and the "
         "specialism is a way of staying out of everything else."),
        ("DriveTheMovie", "Quiet tension", "I Was Gonna Call the Cops",
         "Nobody raises a voice, nobody moves fast, and still the scene frightens; it shows how much of the "
         "film's danger lives in pauses."),
        ("Clip", "Violence rupture", "The Brutal Elevator Beatdown",
         "The clip to show anyone who thinks Drive is only pretty: a kiss lit like a dream, then a killing in "
         "the same light."),
        ("Scene City", "Precision action", "Car Chase Escape",
         "A pursuit built from waiting as much as speed — engines idling, headlights in the mirror, a sudden "
         "reversal — that turns timing into suspense."),
    ],
    "videos": [],
}


ONLY_GOD_FORGIVES = {
    "slug": "only-god-forgives",
    "title": "Only God Forgives",
    "status": "live",
    "year": 2013,
    "runtime": 90,
    "rating": "5.7",
    "certification": "R",
    "logline": (
        "In Bangkok, an American who fronts a boxing club is pushed by his mother to avenge his brother, "
        "and meets a police lieutenant who passes judgement with a sword."
    ),
    "genres": ["crime", "thriller"],
    "themes": ["violence", "vengeance", "masculinity", "guilt"],
    "credits": {
        "directors": ["nicolas-winding-refn"],
        "cast": [
            ("ryan-gosling", "Julian"),
            ("kristin-scott-thomas", "Crystal"),
            ("vithaya-pansringarm", "Chang"),
            ("tom-burke", "Billy"),
            ("rhatha-phongam", "Mai"),
            ("gordon-brown", "Gordon"),
        ],
        "crew": [
            ("nicolas-winding-refn", "Screenplay"),
            ("larry-smith", "Cinematographer"),
            ("cliff-martinez", "Music"),
            ("mat-newman", "Editor"),
        ],
    },
    "entries": {
        "why_it_matters": (
            "",
            "Only God Forgives is what Refn gets when he takes Drive's silent hero and removes the fantasy. Julian "
            "has the stillness and the wardrobe but none of the competence; the film is a fever of red light and "
            "slow corridors in which the avenger is powerless and real authority belongs to a policeman who sings "
            "karaoke after passing sentence. It divides audiences by design, and it is the most useful companion "
            "for seeing what Drive's cool was covering up.",
        ),
        "craft": [
            ("Colour", "Red and deep-blue light turns Bangkok's rooms and corridors into a dream space with no "
                       "daylight in it."),
            ("Pace", "Movement is slowed almost to ritual; scenes hang in stillness before violence arrives."),
            ("Power", "Authority sits with Chang, whose calm and whose blade make him judge and deity at once."),
        ],
        "production_note": [
            ("", "Refn wrote the script himself and developed it before Drive; Gosling took the lead after "
                 "Luke Evans, originally cast as Julian, left the project."),
            ("", "Shot on location in Bangkok, with Larry Smith as cinematographer and Cliff Martinez returning "
                 "for the score."),
            ("", "The film is dedicated to Alejandro Jodorowsky."),
            ("", "Refn's wife, Liv Corfixen, filmed the shoot for her documentary My Life Directed by Nicolas "
                 "Winding Refn (2014)."),
            ("", "It premiered in competition at Cannes in 2013 to a sharply split reception."),
        ],
        "lens": [
            ("Core tension", "Julian is offered the role of avenger by his mother and cannot play it; the film "
                             "keeps asking whether he wants to win or to be punished."),
            ("Best lens", "Read it as Drive's shadow: the same star, composer and neon, with the heroic fantasy "
                          "stripped out so only guilt and ritual are left."),
            ("Refn lane", "Refn at his most formal — symmetrical frames, colour as emotion, violence as "
                          "ceremony — with almost no concession to plot."),
            ("Page job", "Give readers a way in that is neither dismissal nor cult worship: explain what the "
                         "provocation is for."),
        ],
        "signature_scene": (
            "Signature scene: the fight Julian asked for",
            "Julian challenges Chang to a fight, and the film stages the match as a formal humiliation: Chang "
            "takes him apart without hurry and without anger. The avenger the plot needs never "
            "arrives; what we get instead is a man who seems to have walked into the ring in order to lose.",
        ),
        "quote": (
            "Line worth carrying forward",
            "Wanna fight?",
            "Two words, and the whole film's problem. Julian reaches for the only script of manhood he knows, and "
            "the invitation already sounds like a request to be punished.",
        ),
        "steelman": (
            "Steelman the debate: provocation or emptiness?",
            "The strongest case against the film is that it is all posture — style left running with the "
            "characters switched off. The strongest case for it is that the emptiness is the subject: a revenge "
            "film about a man who has no right to revenge and no capacity for it, told in a form that refuses "
            "every pleasure revenge films promise.",
        ),
    },
    "photos": [
        {
            "title": "A red corridor between takes",
            "alt": "Placeholder image standing in for a behind-the-scenes photo of a red-lit corridor on the "
                   "Only God Forgives set.",
            "why": "The film's rooms are lit like stages; seeing the lamps and stands makes the artifice — and how "
                   "deliberate it is — easy to read.",
            "caption": "The dream is built from practical light, one lamp at a time.",
            "source": "",
            "reviewed": True,
        },
        {
            "title": "Unreviewed: crew at the boxing club",
            "alt": "Placeholder image standing in for an unreviewed behind-the-scenes photo from Only God Forgives.",
            "why": "Still waiting for an editor to check what it shows and where it comes from.",
            "caption": "",
            "source": "",
            "reviewed": False,
        },
    ],
    "clips": [],
    "videos": [
        {
            "kind": "trailer",
            "title": "Only God Forgives — official trailer",
            "url": "https://www.youtube.com/watch?v=Ab3xZq9LmT0",
            "published_on": "2013-04-04",
        },
    ],
}


THE_NEON_DEMON = {
    "slug": "the-neon-demon",
    "title": "The Neon Demon",
    "status": "draft",
    "year": 2016,
    "runtime": 117,
    "rating": "6.1",
    "certification": "R",
    "logline": (
        "A sixteen-year-old arrives in Los Angeles to model, and her quick rise wakes a hunger in the women "
        "around her."
    ),
    "genres": ["horror", "thriller"],
    "themes": ["performance", "beauty", "envy", "violence", "self-erasure"],
    "credits": {
        "directors": ["nicolas-winding-refn"],
        "cast": [
            ("elle-fanning", "Jesse"),
            ("jena-malone", "Ruby"),
            ("bella-heathcote", "Gigi"),
            ("abbey-lee", "Sarah"),
            ("christina-hendricks", "Roberta Hoffman"),
            ("keanu-reeves", "Hank"),
        ],
        "crew": [
            ("mary-laws", "Screenplay"),
            ("polly-stenham", "Screenplay"),
            ("natasha-braier", "Cinematographer"),
            ("cliff-martinez", "Music"),
            ("mat-newman", "Editor"),
        ],
    },
    "entries": {
        "why_it_matters": (
            "",
            "Draft. The Neon Demon pushes Refn's interest in surfaces to its limit: a horror film about an "
            "industry that consumes the people it looks at, shot with the same seductive gloss it is accusing.",
        ),
        "craft": [
            ("Image", "Studio-white voids and strobing triangles make the fashion world look like a temple."),
            ("Sound", "Cliff Martinez's score glitters and pulses like a runway soundtrack turning sour."),
            ("Body", "Looking is treated as a physical act, close to eating."),
        ],
        "production_note": [
            ("", "Refn wrote the screenplay with Mary Laws and Polly Stenham."),
            ("", "Shot by Natasha Braier, with Cliff Martinez scoring his third Refn film in a row."),
            ("", "It premiered in competition at Cannes in 2016."),
        ],
        "lens": [
            ("Core tension", "Jesse's innocence is her currency, and spending it is the plot."),
            ("Best lens", "A vampire story with the vampires replaced by an industry."),
            ("Refn lane", "The colour and stillness of the Drive years turned fully toward horror."),
            ("Page job", "To be written before this goes live."),
        ],
    },
    "photos": [],
    "clips": [],
    "videos": [],
}


THIEF = {
    "slug": "thief",
    "title": "Thief",
    "status": "live",
    "year": 1981,
    "runtime": 122,
    "rating": "7.3",
    "certification": "R",
    "logline": (
        "A Chicago safecracker who has planned every move of his life takes one big score for the mob, "
        "and learns what it means to be owned."
    ),
    "genres": ["crime", "thriller"],
    "themes": ["professionalism", "loneliness", "violence", "romance", "autonomy"],
    "credits": {
        "directors": ["michael-mann"],
        "cast": [
            ("james-caan", "Frank"),
            ("tuesday-weld", "Jessie"),
            ("willie-nelson", "Okla"),
            ("james-belushi", "Barry"),
            ("robert-prosky", "Leo"),
            ("dennis-farina", "Carl"),
        ],
        "crew": [
            ("michael-mann", "Screenplay"),
            ("donald-e-thorin", "Cinematographer"),
            ("tangerine-dream", "Music"),
        ],
    },
    "entries": {
        "why_it_matters": (
            "",
            "Thief is the template for the Michael Mann professional: a man who has turned his trade into a "
            "philosophy and his future into a checklist. Mann's first theatrical feature makes the work itself — "
            "the drills, the thermal lance, the timing — as gripping as any twist, then shows how little that "
            "mastery protects Frank once he lets the outfit, and a family, into the plan. Drive's debt to it is "
            "open: Refn named it among his influences.",
        ),
        "craft": [
            ("Mood", "Rain-slick Chicago streets and Tangerine Dream's electronic pulse give the crime story a "
                     "trance-like calm."),
            ("Procedure", "The break-ins are shown as real labour, step by step, with tools and technique taken "
                          "as seriously as character."),
            ("Voice", "Frank's long diner speech to Jessie lays out his whole life plan in one go — the film's "
                      "heart, and its most exposed moment."),
        ],
        "production_note": [
            ("", "Mann's first feature for cinema, after the television film The Jericho Mile (1979)."),
            ("", "The screenplay draws on Frank Hohimer's memoir The Home Invaders: Confessions of a Cat "
                 "Burglar."),
            ("", "Working thieves advised on the heists; one of them, John Santucci, also appears on screen as a "
                 "crooked cop."),
            ("", "Tangerine Dream's synthesiser score set the electronic night mood that Drive would pick up "
                 "three decades later."),
        ],
    },
    "photos": [],
    "clips": [],
    "videos": [],
}


COLLATERAL = {
    "slug": "collateral",
    "title": "Collateral",
    "status": "live",
    "year": 2004,
    "runtime": 120,
    "rating": "7.5",
    "certification": "R",
    "logline": (
        "A Los Angeles cab driver picks up a fare who turns out to be a hired killer working through a list, "
        "and the night becomes a long negotiation for his life."
    ),
    "genres": ["crime", "thriller"],
    "themes": ["professionalism", "loneliness", "violence", "night city", "fate"],
    "credits": {
        "directors": ["michael-mann"],
        "cast": [
            ("tom-cruise", "Vincent"),
            ("jamie-foxx", "Max"),
            ("jada-pinkett-smith", "Annie"),
            ("mark-ruffalo", "Fanning"),
            ("peter-berg", "Richard Weidner"),
            ("javier-bardem", "Felix"),
        ],
        "crew": [
            ("stuart-beattie", "Screenplay"),
            ("dion-beebe", "Cinematographer"),
            ("paul-cameron", "Cinematographer"),
            ("james-newton-howard", "Music"),
        ],
    },
    "entries": {
        "why_it_matters": (
            "",
            "Collateral seats two kinds of loneliness side by side in a taxi: Max, who has been planning his "
            "escape for twelve years without leaving, and Vincent, who has turned himself into a tool. Mann "
            "shoots Los Angeles at night on digital video so the city glows like something alive, and lets the "
            "argument between the two men carry as much tension as the killings.",
        ),
        "craft": [
            ("City", "The night city is all sodium haze and far-off lights — a character, not a backdrop."),
            ("Dialogue", "The cab works as a confessional; the men's arguments about fate and indifference are "
                         "the real set pieces."),
            ("Violence", "Killings are abrupt and exact, staged with Mann's habit of procedural precision."),
        ],
        "production_note": [
            ("", "Much of the film was shot on high-definition digital cameras, with some scenes on 35mm, so "
                 "Los Angeles could be caught at night in something close to available light."),
            ("", "The cinematography is shared between Paul Cameron and Dion Beebe."),
            ("", "Jamie Foxx was nominated for the Academy Award for Best Supporting Actor for playing Max."),
            ("", "Tom Cruise, cast against his heroic image, plays Vincent with grey hair and a grey suit."),
        ],
        "lens": [
            ("Core tension", "Max has spent his life preparing to live; Vincent has spent his making sure he "
                             "never has to feel anything. One night forces each to test the other's philosophy."),
            ("Best lens", "A two-hander disguised as a thriller: the killings punctuate an argument about "
                          "whether anyone notices anyone in a city this size."),
            ("Mann lane", "Mann's professionals, his glass-and-light Los Angeles, and his first full turn to "
                          "digital images."),
            ("Page job", "Show why Collateral sits next to Drive: another night drive where competence is a "
                         "way of not feeling."),
        ],
        "signature_scene": (
            "Signature scene: the coyotes",
            "Midway through the night, coyotes cross the road in front of the cab, and for a few seconds "
            "neither man speaks. Nothing happens, and everything changes register: the city turns wild and "
            "indifferent around them, and the film briefly stops being a thriller to look at where it is.",
        ),
        "quote": (
            "Line worth carrying forward",
            "Guy gets on the MTA here in LA and dies. Think anybody'll notice?",
            "Vincent's story about the dead man on the train comes back as his own epitaph. The line sums up the "
            "film's fear — that the city has room for everyone and attention for no one.",
        ),
    },
    "photos": [],
    "clips": [],
    "videos": [],
}


HEAT = {
    "slug": "heat",
    "title": "Heat",
    "status": "live",
    "year": 1995,
    "runtime": 170,
    "rating": "8.3",
    "certification": "R",
    "logline": (
        "A meticulous thief and the detective hunting him recognise each other as the same kind of man, "
        "and both sides of Los Angeles pay for it."
    ),
    "genres": ["crime", "drama"],
    "themes": ["professionalism", "loneliness", "obsession"],
    "credits": {
        "directors": ["michael-mann"],
        "cast": [
            ("al-pacino", "Vincent Hanna"),
            ("robert-de-niro", "Neil McCauley"),
            ("val-kilmer", "Chris Shiherlis"),
            ("jon-voight", "Nate"),
            ("tom-sizemore", "Michael Cheritto"),
            ("diane-venora", "Justine Hanna"),
            ("ashley-judd", "Charlene Shiherlis"),
        ],
        "crew": [
            ("michael-mann", "Screenplay"),
            ("dante-spinotti", "Cinematographer"),
            ("elliot-goldenthal", "Music"),
        ],
    },
    "entries": {},
    "photos": [],
    "clips": [],
    "videos": [],
}


TAXI_DRIVER = {
    "slug": "taxi-driver",
    "title": "Taxi Driver",
    "status": "live",
    "year": 1976,
    "runtime": 114,
    "rating": "8.2",
    "certification": "R",
    "logline": (
        "A sleepless Vietnam veteran drives a New York cab through the night shift and turns his isolation "
        "into a violent mission."
    ),
    "genres": ["crime", "drama"],
    "themes": ["loneliness", "violence", "alienation", "performance", "night city"],
    "credits": {
        "directors": ["martin-scorsese"],
        "cast": [
            ("robert-de-niro", "Travis Bickle"),
            ("jodie-foster", "Iris"),
            ("cybill-shepherd", "Betsy"),
            ("harvey-keitel", "Sport"),
            ("peter-boyle", "Wizard"),
            ("albert-brooks", "Tom"),
        ],
        "crew": [
            ("paul-schrader", "Screenplay"),
            ("michael-chapman", "Cinematographer"),
            ("bernard-herrmann", "Music"),
        ],
    },
    "entries": {
        "why_it_matters": (
            "",
            "Taxi Driver is the ancestor of every lonely man behind a windscreen on this site. Scorsese and Paul "
            "Schrader keep us inside Travis Bickle's head until his loneliness starts to look like purpose, and "
            "then show exactly where that purpose leads. Drive quotes it openly — the Driver eating pie alone is a "
            "nod to Travis — but Taxi Driver refuses the fairy tale that Drive half believes in.",
        ),
        "craft": [
            ("City", "New York at night is steam, neon and wet streets seen through glass: the city as Travis "
                     "experiences it."),
            ("Score", "Bernard Herrmann sets a lush, almost romantic saxophone against drums of dread."),
            ("Performance", "De Niro plays Travis as a man rehearsing a self he cannot yet be; the mirror scene "
                            "makes the rehearsal literal."),
        ],
        "production_note": [
            ("", "Bernard Herrmann finished recording the score shortly before his death in December 1975; the "
                 "film is dedicated to his memory."),
            ("", "It won the Palme d'Or at Cannes in 1976."),
        ],
        "signature_scene": (
            "Signature scene: the mirror",
            "Alone in his room, Travis draws on his reflection and tries out lines on it. It is funny for a "
            "moment and then it is not: we are watching a man audition for the violent role he has decided to "
            "play.",
        ),
        "quote": (
            "Line worth carrying forward",
            "You talkin' to me?",
            "The most quoted line in the film is addressed to nobody. Travis invents an opponent because an "
            "opponent would at least be someone paying attention — the loneliness sounds like a threat.",
        ),
    },
    "photos": [],
    "clips": [],
    "videos": [],
}


LE_SAMOURAI = {
    "slug": "le-samourai",
    "title": "Le Samouraï",
    "status": "live",
    "year": 1967,
    "runtime": 105,
    "rating": "7.9",
    "certification": "Not rated",
    "logline": (
        "A contract killer who lives by a private code in a bare Paris room carries out a hit, is seen, and "
        "calmly prepares for the end."
    ),
    "genres": ["crime", "thriller"],
    "themes": ["professionalism", "loneliness", "self-erasure", "ritual"],
    "credits": {
        "directors": ["jean-pierre-melville"],
        "cast": [
            ("alain-delon", "Jef Costello"),
            ("francois-perier", "The Superintendent"),
            ("nathalie-delon", "Jane Lagrange"),
            ("cathy-rosier", "Valérie"),
        ],
        "crew": [
            ("henri-decae", "Cinematographer"),
            ("francois-de-roubaix", "Music"),
        ],
    },
    "entries": {
        "why_it_matters": (
            "",
            "Le Samouraï is where the cool professional of this shelf learns his grammar: the hat brim, the "
            "ritual, the near-silence, the empty room with a caged bird. Melville turns Alain Delon's Jef "
            "Costello into a figure of pure procedure and lets the procedure become a form of mourning. Refn cited "
            "Melville's crime films as an influence on the look of Drive.",
        ),
    },
    "photos": [],
    "clips": [],
    "videos": [
        {
            "kind": "trailer",
            "title": "Le Samouraï — restoration trailer",
            "url": "https://www.example.org/films/le-samourai/restoration-trailer",
            "published_on": "2017-05-12",
        },
    ],
}


FILMS = [DRIVE, ONLY_GOD_FORGIVES, THE_NEON_DEMON, THIEF, COLLATERAL, HEAT, TAXI_DRIVER, LE_SAMOURAI]


COLLECTIONS = [
    {
        "slug": "night-drivers",
        "title": "Night drivers: cool as a defence",
        "status": "live",
        "argument": (
            "Each film on this shelf follows someone who works after dark and treats composure as armour: the "
            "quiet professional who is excellent at one thing and lets nothing else in. Watched together they "
            "make a single argument — the cool is not a style but a defence, and every one of these films is "
            "about the night it stops working."
        ),
        "items": [
            ("drive", "The shelf's centre: a man whose whole personality is a driving style, until love asks "
                      "for more."),
            ("thief", "The blueprint — Frank's life plan is a heist plan, and Drive borrows its synth-lit calm."),
            ("collateral", "Two professionals share a cab and discover how little either of them is protected "
                           "by being good at the job."),
            ("taxi-driver", "The darkest version: a driver whose isolation hardens into a mission, and whom "
                            "Drive quotes in a slice of pie."),
            ("le-samourai", "The origin of the silent code — ritual, a hat, an empty room — that Refn's images "
                            "inherit."),
        ],
    },
    {
        "slug": "refn-after-dark",
        "title": "Refn after dark",
        "status": "live",
        "argument": (
            "Two Refn films with the same star, the same composer and the same neon, aimed first at a fairy tale "
            "and then at a nightmare. Drive lets the fantasy of the silent hero seduce before it sours; Only God "
            "Forgives starts where the souring ends."
        ),
        "items": [
            ("drive", "The fantasy, told straight enough to seduce."),
            ("only-god-forgives", "The same fantasy with the heroism removed."),
        ],
    },
    {
        # Draft on purpose: a draft shelf is invisible and does not count towards coverage.
        "slug": "heists-as-a-trade",
        "title": "Heists as a trade",
        "status": "draft",
        "argument": (
            "Draft shelf. Crime films that treat stealing as a craft with its own ethics, tools and "
            "retirement plans."
        ),
        "items": [
            ("thief", "The craftsman who wants out."),
            ("heat", "Two craftsmen, one on each side of the law."),
        ],
    },
]


# Publishing: the home page's editors' choice, a dossier scheduled to go live
# later (hidden until then, with no job to run), and an editor-pinned
# watch-next pick that overrides the computed one for its pathway.
FEATURED = {"drive", "collateral", "thief"}
SCHEDULED = {"heat": 7}  # days from now
PINNED_PICKS = [
    (
        "drive",
        "pressure",
        "thief",
        "Frank is the Driver thirty years earlier: a professional whose rules hold until he lets someone in.",
    ),
]


# Reader submissions, so the queue, its tallies and the approved answers show from the first
# `make demo`: (film slug, kind, state, featured, display name, fields, body[, reason]).
# Scene picks name a shelf clip by its position on the film's shelf.
SUBMISSIONS = [
    ("drive", "defense", "approved", True, "Night driver", {"underrated": "ending"},
     "The ending refuses the rescue we want: he drives off bleeding, and the film trusts us to know "
     "that the kindness was the point, not the survival."),
    ("drive", "defense", "approved", False, "Marguerite", {"underrated": "performance"},
     "Gosling plays a man made entirely of restraint, and every time he almost smiles the film holds its "
     "breath with him."),
    ("drive", "scene_pick", "approved", True, "Reel Talk", {"carries": "style", "clip": 1},
     "The elevator is the film in one minute: tenderness and violence share the same light and the same "
     "breath, and neither wins."),
    ("drive", "scene_pick", "approved", False, "", {"carries": "argument", "clip": 0},
     "The opening job tells you who he is before he says a word: patient, exact, and gone the second it "
     "is over."),
    ("drive", "next_pick", "approved", False, "Le Cercle", {"suggested": "le-samourai", "pathway": "pressure"},
     "Melville's hitman is the driver's ancestor: a code, a room, a silence that costs him everything."),
    ("drive", "defense", "pending", False, "First-time viewer", {"underrated": "scene"},
     "The synth songs are not nostalgia, they are his inner voice: the only place he lets himself be soft."),
    ("drive", "scene_pick", "pending", False, "Anna K.", {"carries": "pressure", "clip": 2},
     "The motel is where the fairy tale breaks: after this, nobody in the film gets to be innocent again."),
    ("drive", "next_pick", "pending", False, "", {"suggested_title": "Point Blank", "pathway": "filmmaker"},
     "Boorman's Point Blank is where this kind of cold, dreamlike crime film starts."),
    ("drive", "defense", "pending", False, "Cinephile 42", {"underrated": "idea"},
     "It is a film about wanting to be a hero in a world with no use for one, and it never pretends otherwise."),
    ("thief", "defense", "approved", False, "Chicago nights", {"underrated": "performance"},
     "Caan's diner speech is the rawest thing in Mann's work: a man explaining how he made himself unkillable."),
    ("thief", "defense", "pending", False, "", {"underrated": "scene"},
     "Tangerine Dream turn the safecracking into a ritual: you hear the metal give before you see it."),
    ("collateral", "defense", "approved", False, "LA at 4am", {"underrated": "idea"},
     "The city is the third lead: digital video made Los Angeles at night look like nobody had filmed it before."),
    ("collateral", "defense", "rejected", False, "Spoiler alert", {"underrated": "ending"},
     "The whole thing is worth it for the moment on the train when the last of them dies, nothing tops it.",
     "spoiler"),
    ("drive", "defense", "rejected", False, "", {"underrated": "idea"},
     "good movie i liked it a lot", "low_effort"),
    ("drive", "defense", "spam", False, "Best deals", {"underrated": "idea"},
     "Cheap watches and sunglasses, click the link in my profile for the best deals of the year!", "abuse"),
]
