"""First names the project knows: the demo names its officers from them (sync.demo_data), and the personal-data search
takes one of them for a person where a word alone cannot tell a name from a noun ("MUP MARKO" beside "TAIEX
RADIONICA", "ŽENE SA ANOM" beside "ŽENE SA INVALIDITETOM", a label "ana"). A name not among them is still missed
there (docs/security.md): a list of every first name would be needed."""

FIRST_NAMES: tuple[str, ...] = (
    "Jelena", "Milica", "Ana", "Marija", "Jovana", "Ivana", "Snežana", "Dragana", "Tijana", "Vesna", "Maja",
    "Gordana", "Nataša", "Biljana", "Marko", "Nikola", "Stefan", "Miloš", "Dragan", "Zoran", "Nenad",
    "Aleksandar", "Dušan", "Vladimir", "Goran", "Ivan", "Đorđe",
)  # fmt: skip
