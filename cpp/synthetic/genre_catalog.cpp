#include "synthetic/genre_catalog.h"

#include <cstring>

namespace als {

// Vocabulary is deliberately a little odd (copper, lantern, marmalade) and
// mixed with invented names so the titles read as made up, not as real films.
const std::vector<GenreWords>& genre_catalog() {
  static const std::vector<GenreWords> catalog = {
      {"Sci-Fi",
       "Sci-Fi",
       2,
       {"Orbital", "Quantum", "Chrome", "Ionic", "Synthetic", "Binary", "Gravitic", "Stellar", "Cobalt", "Neutron",
        "Hollow", "Parallel", "Magnetic", "Distant", "Signal", "Fractal"},
       {"Colony", "Reactor", "Drift", "Beacon", "Android", "Nebula", "Outpost", "Protocol", "Vector", "Satellite",
        "Cortex", "Airlock", "Transmission", "Eclipse", "Lattice", "Probe"},
       {"Action", "Adventure", "Thriller"}},
      {"Romance",
       "Romance",
       3,
       {"Tender", "Marzipan", "Velvet", "Seaside", "Paper", "Gentle", "Rosy", "Lilac", "Honeyed", "Lovesick", "Moonlit",
        "Blushing", "Faithful", "Wistful", "Lavender", "Starry"},
       {"Promise", "Letter", "Waltz", "Garden", "Courtship", "Serenade", "Kiss", "Valentine", "Bouquet", "Postcard",
        "Rendezvous", "Locket", "Veranda", "Sonnet", "Balcony", "Meadow"},
       {"Comedy", "Drama", "Musical"}},
      {"Horror",
       "Horror",
       2,
       {"Rotting", "Howling", "Crimson", "Hollowed", "Wretched", "Grim", "Shrieking", "Pale", "Cursed", "Gnawing",
        "Sunken", "Whispering", "Bleeding", "Feral", "Ashen", "Restless"},
       {"Cellar", "Harvest", "Mask", "Crypt", "Asylum", "Scarecrow", "Marrow", "Parlor", "Hatchet", "Swamp", "Effigy",
        "Lullaby", "Attic", "Carnival", "Orchard", "Chapel"},
       {"Thriller", "Mystery", "Comedy"}},
      {"Animation",
       "Animation",
       2,
       {"Bouncy", "Tiny", "Curious", "Wobbly", "Sparkly", "Fuzzy", "Clockwork", "Jolly", "Marmalade", "Button",
        "Puddle", "Doodle", "Pocket", "Giggling", "Bubbly", "Patchwork"},
       {"Kite", "Teapot", "Robot", "Dragonfly", "Acorn", "Balloon", "Penguin", "Lantern", "Snail", "Toybox", "Muffin",
        "Pebble", "Hedgehog", "Raindrop", "Zeppelin", "Walrus"},
       {"Children", "Comedy", "Adventure", "Fantasy"}},
      {"Western",
       "Western",
       1,
       {"Dusty", "Tumbleweed", "Rawhide", "Sagebrush", "Cactus", "Branded", "Rusty", "Thirsty", "Sundown", "Mesa",
        "Rattlesnake", "Tin", "Drifting", "Saddle", "Silverbell", "Prairie"},
       {"Gulch", "Stagecoach", "Canyon", "Posse", "Ranch", "Spur", "Marshal", "Outlaw", "Creek", "Saloon", "Bounty",
        "Windmill", "Rustler", "Homestead", "Mustang", "Wagon"},
       {"Action", "Adventure", "Drama"}},
      {"Documentary",
       "Documentary",
       2,
       {"Hidden", "Invisible", "Forgotten", "Underwater", "Migrating", "Urban", "Frozen", "Ancient", "Restless",
        "Working", "Unseen", "Natural", "Everyday", "Endless", "Salt", "Tidal"},
       {"Glaciers", "Bees", "Cities", "Harvests", "Machines", "Rivers", "Archives", "Markets", "Tides", "Fungi",
        "Railways", "Lighthouses", "Orchestras", "Reefs", "Factories", "Monasteries"},
       {"War", "Musical", "Crime"}},
      {"Comedy",
       "Comedy",
       4,
       {"Awkward", "Accidental", "Ridiculous", "Borrowed", "Clumsy", "Overdue", "Wacky", "Upside-Down", "Sneezing",
        "Unlikely", "Crooked", "Mismatched", "Slapdash", "Noisy", "Reluctant", "Lucky"},
       {"Wedding", "Vacation", "Roommate", "Inheritance", "Reunion", "Picnic", "Plumber", "Mix-Up", "Houseguest",
        "Weekend", "Chauffeur", "Rehearsal", "Sandwich", "Mother-in-Law", "Bake-Off", "Carpool"},
       {"Romance", "Drama", "Crime"}},
      {"Drama",
       "Drama",
       4,
       {"Quiet", "Mended", "Distant", "Borrowed", "Winter", "Fragile", "Unspoken", "Unhurried", "Narrow", "Bitter",
        "Patient", "Weathered", "Humble", "Drafty", "Stubborn", "Faded"},
       {"Harbor", "Inheritance", "Season", "Confession", "Orchard", "Kitchen", "Verdict", "Homecoming", "Threshold",
        "Ledger", "Piano", "Lighthouse", "Farewell", "Vineyard", "Mill", "Estate"},
       {"Romance", "War", "Crime", "Mystery"}},
      {"Action",
       "Action",
       3,
       {"Tungsten", "Rapid", "Jackhammer", "Carbide", "Blazing", "Hypersonic", "Armored", "Titanium", "Turbo",
        "Reckless", "Ballistic", "Relentless", "Kinetic", "Tactical", "Overdrive", "Hardline"},
       {"Strike", "Convoy", "Showdown", "Pursuit", "Impact", "Vendetta", "Detonator", "Gauntlet", "Payload", "Takedown",
        "Breach", "Crossfire", "Ricochet", "Lockdown", "Intercept", "Rampage"},
       {"Adventure", "Thriller", "Crime", "Sci-Fi"}},
      {"Thriller",
       "Thriller",
       3,
       {"Unmarked", "Midnight", "Redacted", "Unlisted", "Hidden", "Static", "Narrow", "Second", "Ninth", "Insomniac",
        "Burning", "Fading", "Tinted", "Glass", "Mirrored", "Borrowed"},
       {"Witness", "Alibi", "Stranger", "Signal", "Pact", "Motive", "Cipher", "Ransom", "Decoy", "Tenant", "Hostage",
        "Countdown", "Blackout", "Dossier", "Frequency", "Safehouse"},
       {"Crime", "Mystery", "Action", "Horror"}},
      {"Crime",
       "Crime",
       2,
       {"Crooked", "Greasy", "Marked", "Counterfeit", "Smuggled", "Stolen", "Bent", "Loaded", "Sticky", "Laundered",
        "Wired", "Fixed", "Backroom", "Uptown", "Downtown", "Nickel"},
       {"Heist", "Racket", "Syndicate", "Caper", "Getaway", "Precinct", "Snitch", "Jackpot", "Score", "Alley",
        "Mobster", "Fence", "Vault", "Payoff", "Grifter", "Ledger"},
       {"Thriller", "Drama", "Film-Noir", "Action"}},
      {"Musical",
       "Musical",
       1,
       {"Singing", "Dancing", "Golden", "Brassy", "Jazzy", "Tap-Dancing", "Twirling", "Swinging", "Melodic", "Rhythmic",
        "Spotlit", "Encore", "Harmonious", "Rhinestone", "Ragtime", "Velvet"},
       {"Chorus", "Cabaret", "Ballroom", "Overture", "Jamboree", "Revue", "Marquee", "Songbook", "Bandstand", "Jukebox",
        "Showboat", "Tango", "Footlights", "Crescendo", "Minuet", "Serenade"},
       {"Romance", "Comedy", "Drama"}},
      {"War",
       "War",
       1,
       {"Forward", "Besieged", "Frontline", "Northern", "Ironclad", "Unbroken", "Rearguard", "Sleepless", "Muddy",
        "Distant", "Burning", "Last-Stand", "Trenchside", "Winter", "Gallant", "Scattered"},
       {"Regiment", "Trench", "Bridgehead", "Convoy", "Garrison", "Armistice", "Battalion", "Ridge", "Outpost",
        "Dispatch", "Salient", "Brigade", "Flotilla", "Bunker", "Frontier", "Sortie"},
       {"Drama", "Action", "Adventure"}},
      {"Mystery",
       "Mystery",
       1,
       {"Curious", "Locked", "Missing", "Peculiar", "Vanishing", "Crooked", "Secret", "Unopened", "Foggy", "Twelfth",
        "Velvet", "Silent", "Hollow", "Ivory", "Riddled", "Withered"},
       {"Keyhole", "Portrait", "Manor", "Clue", "Riddle", "Inkwell", "Pocketwatch", "Staircase", "Telegram", "Monocle",
        "Candlestick", "Parlor", "Gazebo", "Codicil", "Greenhouse", "Trunk"},
       {"Thriller", "Crime", "Film-Noir"}},
      {"Fantasy",
       "Fantasy",
       1,
       {"Enchanted", "Elder", "Thornbound", "Quicksilver", "Runed", "Feywild", "Wandering", "Hollow", "Starforged",
        "Moonlit", "Gilded", "Ember", "Misty", "Crystal", "Winged", "Shimmering"},
       {"Crown", "Grimoire", "Sorceress", "Wyvern", "Amulet", "Citadel", "Oracle", "Chalice", "Griffin", "Labyrinth",
        "Spellbook", "Throne", "Unicorn", "Scepter", "Wellspring", "Bramble"},
       {"Adventure", "Animation", "Children", "Romance"}},
      {"Film-Noir",
       "Film-Noir",
       1,
       {"Smoky", "Rainy", "Neon", "Cheap", "Double-Crossed", "Cigarette", "Two-Bit", "Late-Night", "Shady",
        "Gin-Soaked", "Tarnished", "Dead-End", "Hard-Boiled", "Nighttime", "Bleak", "Bitter"},
       {"Dame", "Gumshoe", "Boardinghouse", "Stakeout", "Switchboard", "Nightclub", "Matchbook", "Fedora", "Tip-Off",
        "Sidestreet", "Typewriter", "Trenchcoat", "Payphone", "Jukebox", "Doorman", "Hotel"},
       {"Crime", "Mystery", "Thriller"}},
      {"Adventure",
       "Adventure",
       2,
       {"Uncharted", "Sunken", "Savage", "Barnacled", "Roaring", "Windswept", "Jungle", "Daring", "Fogbound",
        "Mountain", "Seafaring", "Desert", "Sapphire", "Volcanic", "Wandering", "Emerald"},
       {"Expedition", "Voyage", "Compass", "Treasure", "Lagoon", "Summit", "Caravan", "Atlas", "Temple", "Archipelago",
        "Galleon", "Safari", "Odyssey", "Spyglass", "Oasis", "Raft"},
       {"Action", "Fantasy", "Sci-Fi", "Western"}},
      {"Children",
       "Children's",
       1,
       {"Gumdrop", "Friendly", "Sleepy", "Giant", "Happy", "Silly", "Little", "Brave", "Rainbow", "Whistling", "Cuddly",
        "Wonderful", "Busy", "Polka-Dot", "Cheerful", "Bashful"},
       {"Treehouse", "Puppy", "Tugboat", "Scooter", "Pony", "Bakery", "Sandcastle", "Piglet", "Birthday", "Firefly",
        "Blanket", "Snowman", "Bicycle", "Parrot", "Lemonade", "Caterpillar"},
       {"Animation", "Comedy", "Fantasy", "Adventure"}},
  };
  return catalog;
}

int32_t cluster_genre_index(int32_t cluster) { return cluster % static_cast<int32_t>(genre_catalog().size()); }

int32_t genre_index(const char* name) {
  const auto& catalog = genre_catalog();
  for (size_t g = 0; g < catalog.size(); ++g)
    if (std::strcmp(catalog[g].name, name) == 0) return static_cast<int32_t>(g);
  return -1;
}

const GenreWords& cluster_genre(int32_t cluster) { return genre_catalog()[cluster_genre_index(cluster)]; }

const std::vector<const char*>& invented_first_names() {
  static const std::vector<const char*> names = {"Tamsin", "Orrin",   "Velma",    "Caspian",  "Odalys",    "Bram",
                                                 "Ysolde", "Fenwick", "Marisol",  "Thaddeus", "Liesel",    "Corwin",
                                                 "Annika", "Ezra",    "Philippa", "Rutger",   "Delphine",  "Wendell",
                                                 "Imogen", "Barnaby", "Solveig",  "Lucan",    "Henrietta", "Ignatius"};
  return names;
}

const std::vector<const char*>& invented_surnames() {
  static const std::vector<const char*> names = {
      "Vantly",      "Quillfeather", "Bleckmore",     "Harrowgate",    "Ostrander",  "Pimsley",
      "Crandlewick", "Dunmorrow",    "Fairbairn",     "Gallowmere",    "Hextable",   "Ivesworth",
      "Jorvald",     "Kettering",    "Lockhart-Bain", "Mallory-Finch", "Norwhistle", "Pennywhistle",
      "Ravelstone",  "Thistlewood",  "Umberley",      "Wexcombe",      "Yarrowby",   "Zellweger-Pike"};
  return names;
}

const std::vector<const char*>& invented_places() {
  static const std::vector<const char*> places = {
      "Port Velmar",       "Ashcombe",   "Bellhaven",      "Coldmere",    "Drumlow",       "Eastwick Falls",
      "Fennick Bay",       "Glenmorrow", "Holloway Creek", "Ironvale",    "Juniper Flats", "Kestrel Point",
      "Lowbarrow",         "Marrowdale", "Northam Cross",  "Oakenshade",  "Pellworth",     "Quarry Hill",
      "Redwater Junction", "Saltmarsh",  "Tolliver",       "Umber Sound", "Vesper Island", "Wrenfield"};
  return places;
}

const std::vector<const char*>& nicknames() {
  static const std::vector<const char*> names = {"Lucky",    "Ace",    "Doc",     "Kid",   "Sparrow", "Moose",
                                                 "Patches",  "Twitch", "Biscuit", "Chief", "Dizzy",   "Boots",
                                                 "Whistler", "Slim",   "Pickles", "Major"};
  return names;
}

}  // namespace als
