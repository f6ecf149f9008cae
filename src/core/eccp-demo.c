/* eccp-demo.c: the demo data set, deterministic and true to the 2018 portal
 *
 * Copyright 2026 The ECCP Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "eccp-core"

#include "config.h"

#include "eccp-demo.h"

#include "eccp-date.h"
#include "eccp-field-spec.h"
#include "eccp-json.h"

#include <string.h>

/* How the set is made
 *
 * The named records come first in each type and carry the facts of the
 * portal's 2018 home page; the rest is generated around them.  Nothing reads
 * the clock: every random choice comes from a GRand seeded with DEMO_SEED and
 * the number of the phase, and every id is a name-based UUID of a key such as
 * "cluster:17", so the same @n_clusters gives the same records, byte for
 * byte, on every machine.
 *
 * Only small plans are kept for the whole run (each cluster's country,
 * ecosystem and name, the partnerships' members, each event's dates and
 * head-count); records are built and handed out one page at a time, so
 * 100,000 clusters never hold the ~600,000 records in memory at once.
 *
 * Order of the feed: clusters, partnerships, events, calls, attendees,
 * meetings, check-ins: each record after the records it points to. */

#define DEMO_SEED          20180221u
#define DEMO_PAGE_SIZE     2000
#define PORTAL_ZONE        "Europe/Brussels"

/* The demo is meant to be opened around 2026: events before this day have
 * happened (check-ins, settled meetings), later ones are upcoming. */
#define REFERENCE_YEAR     2026

/* Generated events and calls fall between these years, inclusive. */
#define FIRST_YEAR         2016
#define LAST_YEAR          2028

/* Meeting slots: 7 in the morning from 09:00, 7 in the afternoon from 14:00,
 * 30 minutes each. */
#define SLOTS_PER_DAY      14
#define SLOT_MINUTES       30

enum
{
  PHASE_IDENTITY = 1,
  PHASE_PARTNERSHIP_PLAN,
  PHASE_CLUSTERS,
  PHASE_PARTNERSHIPS,
  PHASE_EVENTS,
  PHASE_CALLS,
  PHASE_ATTENDEES,
  PHASE_MEETINGS,
  PHASE_CHECKINS,
};

/* ------------------------------------------------------------------------
 * Vocabulary
 * ------------------------------------------------------------------------ */

enum
{
  ECO_AEROSPACE,
  ECO_AGRI_FOOD,
  ECO_CONSTRUCTION,
  ECO_CREATIVE,
  ECO_DIGITAL,
  ECO_ELECTRONICS,
  ECO_ENERGY_INTENSIVE,
  ECO_RENEWABLES,
  ECO_HEALTH,
  ECO_MOBILITY,
  ECO_PROXIMITY,
  ECO_RETAIL,
  ECO_TEXTILES,
  ECO_TOURISM,
  ECO_CROSS,
  N_ECOSYSTEMS
};

/* The strings are the field specs' (eccp_industrial_ecosystems ()), in
 * the order of the enum above, which follows portal-api.md section 3. */
static const char *
ecosystem_name (guint index)
{
  const char * const *all = eccp_industrial_ecosystems ();

  g_assert (index < N_ECOSYSTEMS);

  return all[index];
}

static const guint ecosystem_weights[N_ECOSYSTEMS] = {
  6, 12, 6, 7, 14, 6, 6, 10, 10, 9, 3, 2, 4, 4, 7,
};

/* English words for a sector, as cluster names use them. */
static const char * const sector_words[N_ECOSYSTEMS][5] = {
  { "Aerospace", "Aviation", "Space", "Defence", "Drone" },
  { "Agri-food", "Food", "Wine", "Dairy", "AgriTech" },
  { "Construction", "Wood & Building", "Smart Building", "Timber", NULL },
  { "Creative Industries", "Design", "Games", "Media", NULL },
  { "ICT", "Digital", "Software", "Cybersecurity", "AI" },
  { "Electronics", "Photonics", "Microelectronics", "Laser", NULL },
  { "Chemicals", "Steel", "Plastics", "Ceramics", "Glass" },
  { "Cleantech", "Renewable Energy", "Hydrogen", "Solar", "Wind Energy" },
  { "Life Sciences", "Medtech", "Biotech", "Health", NULL },
  { "Automotive", "Mobility", "Logistics", "Maritime", "Rail" },
  { "Social Economy", "Circular Economy", "Social Innovation", NULL, NULL },
  { "Retail", "E-commerce", "Consumer Goods", NULL, NULL },
  { "Textile", "Fashion", "Technical Textiles", "Footwear", NULL },
  { "Tourism", "Hospitality", "Smart Tourism", NULL, NULL },
  { "Innovation", "Industry 4.0", "Advanced Manufacturing", "Materials", NULL },
};

/* The ten emerging industries of the European Cluster Observatory. */
static const char * const emerging_industries[] = {
  "Advanced packaging",
  "Biopharmaceuticals",
  "Blue growth industries",
  "Creative industries",
  "Digital industries",
  "Environmental industries",
  "Experience industries",
  "Logistical services",
  "Medical devices",
  "Mobility technologies",
};

typedef enum
{
  LANG_EN,
  LANG_DE,
  LANG_FR,
  LANG_ES,
  LANG_IT,
  LANG_PL,
  LANG_CS,
  LANG_PT,
  LANG_SK,
  LANG_NORDIC,
  LANG_FI,
  LANG_NL,
  LANG_RO,
  LANG_HU,
  LANG_SOUTH_SLAVIC,
  LANG_LT,
  LANG_LV,
  LANG_ET,
  LANG_EL,
  LANG_BG,
  LANG_UK,
  LANG_TR,
  LANG_IS,
  LANG_AR,
  N_LANGS
} Lang;

/* Cluster names in the country's own language; {L} is the sector in that
 * language, {P} the city.  Languages without a row use the English ones. */
typedef struct
{
  Lang        lang;
  const char *templates[3];
  const char *sectors[N_ECOSYSTEMS];
} LocalNames;

static const LocalNames local_names[] = {
  { LANG_DE,
    { "Cluster {L} {P}", "Kompetenznetz {L} {P}", "Netzwerk {L} {P} e.V." },
    { "Luft- und Raumfahrt", "Ernährungswirtschaft", "Straßen- und Hochbau",
      "Kreativwirtschaft", "Digitalwirtschaft", "Mikroelektronik",
      "Chemie und Kunststoffe", "Erneuerbare Energien", "Gesundheitswirtschaft",
      "Automotive", "Sozialwirtschaft", "Handel", "Textil", "Tourismus",
      "Innovation" } },
  { LANG_FR,
    { "Pôle {L} {P}", "Cluster {L} {P}", NULL },
    { "Aéronautique et Défense", "Agroalimentaire", "Bâtiment durable",
      "Industries créatives", "Numérique", "Électronique", "Chimie et Matériaux",
      "Énergies renouvelables", "Santé", "Mobilité", "Économie sociale et solidaire",
      "Commerce", "Textile", "Tourisme", "Innovation" } },
  { LANG_ES,
    { "Clúster {L} de {P}", "Asociación Clúster {L} de {P}", NULL },
    { "Aeroespacial", "Agroalimentario", "de la Construcción",
      "del Diseño y las Industrias Creativas", "Digital", "de Electrónica", "Químico",
      "de Energías Renovables", "de Salud", "de Automoción", "de Economía Social",
      "del Comercio", "Textil", "de Turismo", "de Innovación" } },
  { LANG_IT,
    { "Distretto {L} di {P}", "Cluster {L} di {P}", NULL },
    { "Aerospaziale", "Agroalimentare", "dell'Edilizia", "delle Industrie Creative",
      "Digitale", "dell'Elettronica", "della Chimica", "delle Energie Rinnovabili",
      "della Salute", "dell'Automotive", "dell'Economia Sociale", "del Commercio",
      "Tessile", "del Turismo", "dell'Innovazione" } },
  { LANG_PL,
    { "Klaster {L} {P}", "Stowarzyszenie Klaster {L} {P}", NULL },
    { "Lotniczy", "Rolno-Spożywczy", "Budowlany", "Kreatywny", "Cyfrowy",
      "Elektroniczny", "Chemiczny", "Energii Odnawialnej", "Medyczny",
      "Motoryzacyjny", "Ekonomii Społecznej", "Handlowy", "Włókienniczy",
      "Turystyczny", "Innowacyjny" } },
  { LANG_CS,
    { "{L} klastr {P}", "{L} klastr {P}, z. s.", NULL },
    { "Letecký", "Potravinářský", "Stavební", "Kreativní", "Digitální",
      "Elektrotechnický", "Chemický", "Energetický", "Zdravotnický",
      "Automobilový", "Sociální", "Obchodní", "Textilní", "Turistický",
      "Inovační" } },
  { LANG_PT,
    { "Cluster {L} {P}", "Associação Cluster {L} de {P}", NULL },
    { "Aeronáutico", "Agroalimentar", "da Construção", "das Indústrias Criativas",
      "Digital", "da Eletrónica", "Químico", "das Energias Renováveis", "da Saúde",
      "Automóvel", "da Economia Social", "do Comércio", "Têxtil", "do Turismo",
      "da Inovação" } },
};

static const char * const english_templates[] = {
  "{P} {S} Cluster",
  "{S} Cluster {P}",
  "{P} {S} Network",
  "{S} Valley {P}",
  "{P} {S} Alliance",
};

/* People: first names (bit i of @female set when first[i] is a woman's
 * name), surnames, and the women's form of the surnames where the language
 * has one. */
typedef struct
{
  const char *first[8];
  guint8      female;
  const char *last[8];
  const char *last_female[8];
} PersonNames;

static const PersonNames person_names[N_LANGS] = {
  [LANG_EN] = { { "Emma", "James", "Olivia", "Daniel", "Sarah", "Michael", "Claire", "Thomas" }, 0x55,
                { "Smith", "O'Brien", "Walsh", "Murphy", "Taylor", "Evans", "Clarke", "Hughes" }, { NULL } },
  [LANG_DE] = { { "Jürgen", "Käthe", "Jörg", "Anja", "Matthias", "Lena", "Björn", "Sabine" }, 0xaa,
                { "Müller", "Schäfer", "Weiß", "Köhler", "Groß", "Schröder", "Hoffmann", "Bäcker" }, { NULL } },
  [LANG_FR] = { { "Hélène", "François", "Élodie", "Jérôme", "Amélie", "Benoît", "Cécile", "Gaëtan" }, 0x55,
                { "Lefèvre", "Dubois", "Girard", "Bérard", "Moreau", "Lemaître", "Faure", "Rousseau" }, { NULL } },
  [LANG_ES] = { { "José", "María", "Íñigo", "Begoña", "Andrés", "Lucía", "Joaquín", "Nuria" }, 0xaa,
                { "Muñoz", "García", "Ibáñez", "Pérez", "Martínez", "Núñez", "López", "Etxeberria" }, { NULL } },
  [LANG_IT] = { { "Giulia", "Niccolò", "Francesca", "Lorenzo", "Chiara", "Matteo", "Elena", "Andrea" }, 0x15,
                { "Rossi", "Bianchi", "Ferrari", "Esposito", "Ricci", "De Luca", "Colombo", "Mancini" }, { NULL } },
  [LANG_PL] = { { "Łukasz", "Małgorzata", "Paweł", "Agnieszka", "Wojciech", "Katarzyna", "Michał", "Zofia" }, 0xaa,
                { "Kowalski", "Wiśniewski", "Nowak", "Wójcik", "Kamiński", "Lewandowski", "Zieliński", "Woźniak" },
                { "Kowalska", "Wiśniewska", "Nowak", "Wójcik", "Kamińska", "Lewandowska", "Zielińska", "Woźniak" } },
  [LANG_CS] = { { "Jiří", "Tereza", "Petr", "Kateřina", "Tomáš", "Lucie", "Ondřej", "Zuzana" }, 0xaa,
                { "Dvořák", "Novák", "Černý", "Procházka", "Kučera", "Veselý", "Horák", "Němec" },
                { "Dvořáková", "Nováková", "Černá", "Procházková", "Kučerová", "Veselá", "Horáková", "Němcová" } },
  [LANG_PT] = { { "João", "Inês", "Gonçalo", "Conceição", "Tomás", "Leonor", "Sebastião", "Mariana" }, 0xaa,
                { "Silva", "Santos", "Gonçalves", "Magalhães", "Ferreira", "Simões", "Araújo", "Guimarães" }, { NULL } },
  [LANG_SK] = { { "Ján", "Mária", "Martin", "Veronika", "Ľubomír", "Jana", "Štefan", "Lenka" }, 0xaa,
                { "Horváth", "Kováč", "Varga", "Tóth", "Baláž", "Šimko", "Nagy", "Lukáč" },
                { "Horváthová", "Kováčová", "Vargová", "Tóthová", "Balážová", "Šimková", "Nagyová", "Lukáčová" } },
  [LANG_NORDIC] = { { "Søren", "Åsa", "Björn", "Ingrid", "Øystein", "Linnéa", "Mikael", "Sigrid" }, 0xaa,
                    { "Johansson", "Sørensen", "Åberg", "Lindqvist", "Bjørnstad", "Nyström", "Halvorsen", "Ekström" },
                    { NULL } },
  [LANG_FI] = { { "Jukka", "Päivi", "Mikko", "Sanna", "Jyrki", "Tiina", "Antti", "Hanna" }, 0xaa,
                { "Virtanen", "Mäkinen", "Nieminen", "Hämäläinen", "Järvinen", "Heikkilä", "Koskinen", "Lähteenmäki" },
                { NULL } },
  [LANG_NL] = { { "Jeroen", "Anouk", "Sjoerd", "Maaike", "Joost", "Femke", "Willem", "Lotte" }, 0xaa,
                { "de Vries", "van Dijk", "Bakker", "Janssen", "van den Berg", "Visser", "Smit", "Meijer" }, { NULL } },
  [LANG_RO] = { { "Andrei", "Ioana", "Ștefan", "Mădălina", "Radu", "Alexandra", "Mihai", "Bianca" }, 0xaa,
                { "Popescu", "Ionescu", "Dumitrescu", "Stănescu", "Constantinescu", "Munteanu", "Năstase", "Țurcanu" },
                { NULL } },
  [LANG_HU] = { { "László", "Zsófia", "Gábor", "Anikó", "Péter", "Krisztina", "Zoltán", "Eszter" }, 0xaa,
                { "Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Kiss", "Molnár", "Németh" }, { NULL } },
  [LANG_SOUTH_SLAVIC] = { { "Dragan", "Ivana", "Goran", "Jelena", "Nikola", "Maja", "Marko", "Ana" }, 0xaa,
                          { "Horvat", "Kovačević", "Babić", "Marić", "Jovanović", "Petrović", "Novak", "Šimić" },
                          { NULL } },
  [LANG_LT] = { { "Mantas", "Rūta", "Tomas", "Eglė", "Darius", "Aušra", "Žilvinas", "Ieva" }, 0xaa,
                { "Kazlauskas", "Jankauskas", "Petrauskas", "Stankevičius", "Vasiliauskas", "Žukauskas", "Butkus",
                  "Paulauskas" },
                { "Kazlauskienė", "Jankauskienė", "Petrauskienė", "Stankevičienė", "Vasiliauskienė", "Žukauskienė",
                  "Butkienė", "Paulauskienė" } },
  [LANG_LV] = { { "Jānis", "Ilze", "Andris", "Līga", "Mārtiņš", "Inese", "Kārlis", "Dace" }, 0xaa,
                { "Bērziņš", "Kalniņš", "Ozoliņš", "Liepiņš", "Krūmiņš", "Zariņš", "Vītols", "Jansons" },
                { "Bērziņa", "Kalniņa", "Ozoliņa", "Liepiņa", "Krūmiņa", "Zariņa", "Vītola", "Jansone" } },
  [LANG_ET] = { { "Tõnu", "Kadri", "Märt", "Triin", "Jüri", "Liis", "Rein", "Külli" }, 0xaa,
                { "Tamm", "Saar", "Sepp", "Mägi", "Kask", "Kukk", "Rebane", "Ilves" }, { NULL } },
  [LANG_EL] = { { "Giorgos", "Eleni", "Dimitris", "Maria", "Nikos", "Katerina", "Kostas", "Sofia" }, 0xaa,
                { "Papadopoulos", "Georgiou", "Nikolaou", "Konstantinidis", "Oikonomou", "Vlachos", "Pappas",
                  "Karagiannis" },
                { "Papadopoulou", "Georgiou", "Nikolaou", "Konstantinidou", "Oikonomou", "Vlachou", "Pappa",
                  "Karagianni" } },
  [LANG_BG] = { { "Georgi", "Desislava", "Ivan", "Elena", "Dimitar", "Mariya", "Nikolay", "Tsvetelina" }, 0xaa,
                { "Ivanov", "Georgiev", "Dimitrov", "Petrov", "Stoyanov", "Todorov", "Kolev", "Hristov" },
                { "Ivanova", "Georgieva", "Dimitrova", "Petrova", "Stoyanova", "Todorova", "Koleva", "Hristova" } },
  [LANG_UK] = { { "Oleksandr", "Olena", "Andriy", "Iryna", "Serhiy", "Nataliya", "Dmytro", "Oksana" }, 0xaa,
                { "Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Boyko", "Koval" },
                { NULL } },
  [LANG_TR] = { { "Mehmet", "Ayşe", "Emre", "Zeynep", "Çağlar", "Şule", "Oğuz", "Gülşen" }, 0xaa,
                { "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Aydın", "Doğan" }, { NULL } },
  [LANG_IS] = { { "Guðrún", "Sigurður", "Þóra", "Jón", "Björk", "Gunnar", "Helga", "Ólafur" }, 0x55,
                { "Jónsson", "Sigurðsson", "Ólafsson", "Gunnarsson", "Magnússon", "Einarsson", "Þórsson", "Pálsson" },
                { "Jónsdóttir", "Sigurðardóttir", "Ólafsdóttir", "Gunnarsdóttir", "Magnúsdóttir", "Einarsdóttir",
                  "Þórsdóttir", "Pálsdóttir" } },
  [LANG_AR] = { { "Mohamed", "Amira", "Youssef", "Leïla", "Karim", "Sana", "Mehdi", "Ines" }, 0xaa,
                { "Ben Salah", "Trabelsi", "Gharbi", "Jebali", "Hammami", "Mansouri", "Bouazizi", "Chaabane" },
                { NULL } },
};

typedef struct
{
  const char *code;
  const char *name;
  const char *zone;
  const char *phone;  /* country calling code */
  Lang        lang;
  guint       weight; /* share of the clusters */
  gboolean    eu;
  const char *cities[9];
} Country;

/* Where clusters are.  The EU first: the Policy Forum takes its ministries
 * from the first 25 rows. */
static const Country countries[] = {
  { "ES", "Spain", "Europe/Madrid", "+34", LANG_ES, 14, TRUE,
    { "Madrid", "Barcelona", "València", "Bilbao", "Logroño", "A Coruña", "Málaga", "Córdoba", "León" } },
  { "IT", "Italy", "Europe/Rome", "+39", LANG_IT, 10, TRUE,
    { "Milano", "Torino", "Bologna", "Forlì", "Cantù", "Napoli", "Bari", "Trento" } },
  { "FR", "France", "Europe/Paris", "+33", LANG_FR, 10, TRUE,
    { "Paris", "Lyon", "Toulouse", "Besançon", "Saint-Étienne", "Nîmes", "Orléans", "Créteil" } },
  { "DE", "Germany", "Europe/Berlin", "+49", LANG_DE, 10, TRUE,
    { "München", "Köln", "Düsseldorf", "Nürnberg", "Gießen", "Lübeck", "Saarbrücken", "Göttingen", "Dresden" } },
  { "PL", "Poland", "Europe/Warsaw", "+48", LANG_PL, 7, TRUE,
    { "Warszawa", "Kraków", "Łódź", "Wrocław", "Gdańsk", "Poznań", "Rzeszów", "Bielsko-Biała" } },
  { "PT", "Portugal", "Europe/Lisbon", "+351", LANG_PT, 5, TRUE,
    { "Porto", "Lisboa", "Braga", "Guimarães", "Évora", "Aveiro", "Covilhã", "São João da Madeira" } },
  { "RO", "Romania", "Europe/Bucharest", "+40", LANG_RO, 5, TRUE,
    { "București", "Cluj-Napoca", "Timișoara", "Brașov", "Iași", "Constanța" } },
  { "BE", "Belgium", "Europe/Brussels", "+32", LANG_FR, 4, TRUE,
    { "Brussels", "Liège", "Leuven", "Gent", "Namur", "Mons" } },
  { "CZ", "Czechia", "Europe/Prague", "+420", LANG_CS, 4, TRUE,
    { "Praha", "Brno", "Ostrava", "Plzeň", "České Budějovice", "Ústí nad Labem", "Hradec Králové", "Zlín" } },
  { "NL", "Netherlands", "Europe/Amsterdam", "+31", LANG_NL, 3, TRUE,
    { "Eindhoven", "Delft", "Utrecht", "Rotterdam", "Groningen" } },
  { "AT", "Austria", "Europe/Vienna", "+43", LANG_DE, 3, TRUE,
    { "Wien", "Graz", "Linz", "Salzburg", "Klagenfurt am Wörthersee", "Innsbruck" } },
  { "SE", "Sweden", "Europe/Stockholm", "+46", LANG_NORDIC, 3, TRUE,
    { "Göteborg", "Malmö", "Linköping", "Umeå", "Västerås", "Jönköping" } },
  { "DK", "Denmark", "Europe/Copenhagen", "+45", LANG_NORDIC, 3, TRUE,
    { "Aarhus", "Aalborg", "Odense", "Køge", "København" } },
  { "FI", "Finland", "Europe/Helsinki", "+358", LANG_FI, 3, TRUE,
    { "Helsinki", "Tampere", "Oulu", "Jyväskylä", "Hämeenlinna", "Rovaniemi" } },
  { "HU", "Hungary", "Europe/Budapest", "+36", LANG_HU, 3, TRUE,
    { "Budapest", "Győr", "Pécs", "Székesfehérvár", "Debrecen" } },
  { "BG", "Bulgaria", "Europe/Sofia", "+359", LANG_BG, 3, TRUE,
    { "Sofia", "Plovdiv", "Varna", "Ruse", "Stara Zagora" } },
  { "GR", "Greece", "Europe/Athens", "+30", LANG_EL, 3, TRUE,
    { "Athína", "Thessaloníki", "Pátra", "Irákleio", "Vólos" } },
  { "SI", "Slovenia", "Europe/Ljubljana", "+386", LANG_SOUTH_SLAVIC, 2, TRUE,
    { "Ljubljana", "Maribor", "Celje", "Škofja Loka", "Nova Gorica" } },
  { "HR", "Croatia", "Europe/Zagreb", "+385", LANG_SOUTH_SLAVIC, 2, TRUE,
    { "Zagreb", "Osijek", "Čakovec", "Split", "Šibenik", "Rijeka" } },
  { "SK", "Slovakia", "Europe/Bratislava", "+421", LANG_SK, 2, TRUE,
    { "Bratislava", "Košice", "Žilina", "Banská Bystrica", "Trnava" } },
  { "IE", "Ireland", "Europe/Dublin", "+353", LANG_EN, 1, TRUE,
    { "Dublin", "Cork", "Galway", "Limerick" } },
  { "LT", "Lithuania", "Europe/Vilnius", "+370", LANG_LT, 1, TRUE,
    { "Vilnius", "Kaunas", "Klaipėda", "Šiauliai" } },
  { "LV", "Latvia", "Europe/Riga", "+371", LANG_LV, 1, TRUE,
    { "Rīga", "Liepāja", "Jelgava" } },
  { "EE", "Estonia", "Europe/Tallinn", "+372", LANG_ET, 1, TRUE,
    { "Tallinn", "Tartu", "Pärnu" } },
  { "LU", "Luxembourg", "Europe/Luxembourg", "+352", LANG_FR, 1, TRUE,
    { "Luxembourg", "Esch-sur-Alzette" } },
  { "CY", "Cyprus", "Asia/Nicosia", "+357", LANG_EL, 1, TRUE,
    { "Nicosia", "Limassol" } },
  { "MT", "Malta", "Europe/Malta", "+356", LANG_EN, 1, TRUE,
    { "Valletta", "Birkirkara" } },
  /* COSME countries and beyond */
  { "NO", "Norway", "Europe/Oslo", "+47", LANG_NORDIC, 2, FALSE,
    { "Oslo", "Bergen", "Trondheim", "Tromsø", "Ålesund", "Stavanger" } },
  { "RS", "Serbia", "Europe/Belgrade", "+381", LANG_SOUTH_SLAVIC, 2, FALSE,
    { "Beograd", "Novi Sad", "Niš", "Kragujevac", "Subotica" } },
  { "UA", "Ukraine", "Europe/Kyiv", "+380", LANG_UK, 2, FALSE,
    { "Kyiv", "Lviv", "Kharkiv", "Dnipro", "Odesa" } },
  { "TR", "Türkiye", "Europe/Istanbul", "+90", LANG_TR, 2, FALSE,
    { "İstanbul", "İzmir", "Bursa", "Eskişehir", "Ankara" } },
  { "CH", "Switzerland", "Europe/Zurich", "+41", LANG_DE, 1, FALSE,
    { "Zürich", "Genève", "Neuchâtel", "Basel" } },
  { "IS", "Iceland", "Atlantic/Reykjavik", "+354", LANG_IS, 1, FALSE,
    { "Reykjavík", "Akureyri" } },
  { "MK", "North Macedonia", "Europe/Skopje", "+389", LANG_SOUTH_SLAVIC, 1, FALSE,
    { "Skopje", "Bitola" } },
  { "ME", "Montenegro", "Europe/Podgorica", "+382", LANG_SOUTH_SLAVIC, 1, FALSE,
    { "Podgorica", "Nikšić" } },
  { "BA", "Bosnia and Herzegovina", "Europe/Sarajevo", "+387", LANG_SOUTH_SLAVIC, 1, FALSE,
    { "Sarajevo", "Banja Luka", "Mostar" } },
  { "MD", "Moldova", "Europe/Chisinau", "+373", LANG_RO, 1, FALSE,
    { "Chișinău", "Bălți" } },
  { "GB", "United Kingdom", "Europe/London", "+44", LANG_EN, 1, FALSE,
    { "Manchester", "Birmingham", "Glasgow", "Cardiff" } },
  { "IL", "Israel", "Asia/Jerusalem", "+972", LANG_EN, 1, FALSE,
    { "Tel Aviv-Yafo", "Haifa" } },
  { "TN", "Tunisia", "Africa/Tunis", "+216", LANG_AR, 1, FALSE,
    { "Tunis", "Sfax" } },
  { "BR", "Brazil", "America/Sao_Paulo", "+55", LANG_PT, 1, FALSE,
    { "São Paulo", "Curitiba", "Belo Horizonte" } },
};

#define N_COUNTRIES G_N_ELEMENTS (countries)
#define N_EU_POLICY_FORUM 25

/* Destinations of missions abroad, and the regions partnerships target. */
typedef struct
{
  const char *code;
  const char *name;
  const char *zone;
  const char *city;
} Destination;

static const Destination destinations[] = {
  { "JP", "Japan", "Asia/Tokyo", "Tokyo" },
  { "US", "the United States", "America/New_York", "Boston" },
  { "CA", "Canada", "America/Toronto", "Montréal" },
  { "BR", "Brazil", "America/Sao_Paulo", "São Paulo" },
  { "IN", "India", "Asia/Kolkata", "Bengaluru" },
  { "CN", "China", "Asia/Shanghai", "Shenzhen" },
  { "KR", "South Korea", "Asia/Seoul", "Seoul" },
  { "SG", "Singapore", "Asia/Singapore", "Singapore" },
  { "TW", "Taiwan", "Asia/Taipei", "Taichung" },
  { "MX", "Mexico", "America/Mexico_City", "Ciudad de México" },
  { "AU", "Australia", "Australia/Melbourne", "Melbourne" },
  { "ZA", "South Africa", "Africa/Johannesburg", "Johannesburg" },
  { "AE", "the United Arab Emirates", "Asia/Dubai", "Abu Dhabi" },
  { "CL", "Chile", "America/Santiago", "Santiago" },
  { "VN", "Vietnam", "Asia/Ho_Chi_Minh", "Ho Chi Minh City" },
  { "MA", "Morocco", "Africa/Casablanca", "Casablanca" },
  { "NZ", "New Zealand", "Pacific/Auckland", "Wellington" },
};

typedef struct
{
  const char *name;
  const char *codes[6];
} TargetRegion;

static const TargetRegion target_regions[] = {
  { "North America", { "US", "CA" } },
  { "Japan and South Korea", { "JP", "KR" } },
  { "South-East Asia", { "SG", "VN", "TH", "MY", "ID" } },
  { "Latin America", { "BR", "MX", "CL", "AR", "CO" } },
  { "the Southern Mediterranean", { "MA", "TN", "EG", "IL" } },
  { "China", { "CN" } },
  { "India", { "IN" } },
  { "the Gulf", { "AE", "SA", "QA" } },
  { "Sub-Saharan Africa", { "ZA", "KE", "NG", "GH" } },
  { "Australia and New Zealand", { "AU", "NZ" } },
  { "Taiwan", { "TW" } },
};

static const char * const cluster_activities[] = {
  "find partners abroad",
  "prepare joint proposals for EU calls",
  "share test and demonstration facilities",
  "train their staff in digital skills",
  "enter new value chains",
  "reach venture capital and business angels",
  "meet large customers at matchmaking events",
  "make their production greener",
  "develop common standards",
  "recruit skilled people from the region's universities",
};

static const char * const webinar_topics[] = {
  "Going international with cluster partnerships",
  "Preparing a strong Horizon Europe proposal",
  "Digital tools for cluster managers",
  "Green transition pathways for clusters",
  "Measuring cluster performance",
  "Cluster internationalisation strategies",
  "Skills partnerships in industrial ecosystems",
  "Resilient supply chains through clusters",
  "How to apply for the cluster management label",
  "Cascade funding for SMEs explained",
};

static const char * const organisations_without_cluster[] = {
  "Regional Development Agency",
  "Chamber of Commerce and Industry",
  "Technology Transfer Office",
  "Enterprise Europe Network",
  "Innovation Agency",
  "University Business School",
};

static const char * const checkin_devices[] = {
  "Registration desk 1",
  "Registration desk 2",
  "Registration desk 3",
  "Entrance tablet",
  "Badge kiosk",
};

static const char * const venue_templates[] = {
  "{P} Congress Centre",
  "Chamber of Commerce of {P}",
  "{P} Science and Technology Park",
  "{P} Trade Fair Centre",
  "University of {P}, Main Hall",
};

/* ------------------------------------------------------------------------
 * The named records of the 2018 home page
 * ------------------------------------------------------------------------ */

enum
{
  CLUSTER_KLASTER,
  CLUSTER_AVAESSEN,
  CLUSTER_GAIA,
  CLUSTER_KRAKOW,
  N_NAMED_CLUSTERS
};

typedef struct
{
  const char *name;
  const char *acronym;
  const char *country;
  const char *city;
  guint       ecosystem;
  guint       ecosystem2; /* N_ECOSYSTEMS: none */
  const char *manager_name;
  const char *slug;
  int         founded;
  double      fte;
  int         sme, large, research, other;
  const char *label;
  const char *label_valid_until;
  const char *description;
} NamedCluster;

static const NamedCluster named_clusters[N_NAMED_CLUSTERS] = {
  { "KLASTER POL-JOMEHANIZACIJE d.o.o.", NULL, "RS", NULL,
    ECO_AGRI_FOOD, ECO_MOBILITY, "Željko Erkapić", "klaster-pol-jomehanizacije",
    2009, 2.0, 48, 3, 4, 5, "bronze", "2020-06-30",
    "Agricultural Equipment Cluster Ltd.: makers of agricultural machinery and equipment "
    "working together on new products, exports and skills.\n\n"
    "The cluster, managed by Željko Erkapić, received the award and recognition for the "
    "development of entrepreneurship in Central and South-Eastern Europe "
    "“CREATORS FOR THE CENTURIES”." },
  { "AVAESSEN", "AVAESSEN", "ES", "Valencia",
    ECO_RENEWABLES, ECO_CONSTRUCTION, "Bianca Dragomir", "avaessen",
    2005, 4.5, 95, 12, 9, 14, "gold", "2021-03-31",
    "The energy cluster of the Valencia region: companies, research centres and "
    "public bodies working on renewable energy, energy efficiency and smart grids.\n\n"
    "Its cluster manager, Bianca Dragomir, was European Cluster Manager of the Year 2016: "
    "“Clusters are the spark plugs of Europe’s industrial modernisation!”" },
  { "GAIA", "GAIA", "ES", "Donostia-San Sebastián",
    ECO_DIGITAL, ECO_ELECTRONICS, "Jon Mitxelena", "gaia",
    1993, 6.0, 230, 15, 18, 20, "gold", "2020-12-31",
    "The cluster of knowledge and applied technology industries of the Basque Country.\n\n"
    "“This was the first time that I took part to a ECCP Cluster Matchmaking event. I had "
    "great meetings with several cluster organisations.” (Jon Mitxelena)" },
  { "Klaster LifeScience Kraków", "LSK", "PL", "Kraków",
    ECO_HEALTH, N_ECOSYSTEMS, "Małgorzata Wójcik", "lifescience-krakow",
    2006, 3.0, 60, 6, 12, 8, "silver", "2019-10-31",
    "Companies, universities and hospitals of Małopolska working together on "
    "medicines, medical devices and digital health." },
};

enum
{
  PARTNERSHIP_EACP_ABROAD,
  PARTNERSHIP_EC2I,
  PARTNERSHIP_LASER_GO,
  N_NAMED_PARTNERSHIPS
};

/* ESCP-4i partnerships launched on 21 February 2018 for 2018–2019. */
#define N_ESCP_4I_2018 23

typedef struct
{
  const char *name;
  const char *acronym;
  guint       ecosystem;
  guint       ecosystem2;
  const char *targets[6];
  const char *description;
} NamedPartnership;

static const NamedPartnership named_partnerships[N_NAMED_PARTNERSHIPS] = {
  { "EACP ABROAD", "EACP-ABROAD", ECO_AEROSPACE, N_ECOSYSTEMS,
    { "AE", "CA", "US", "BR", "JP", "IN" },
    "A European Strategic Cluster Partnership for Going International that is creating a "
    "global network of aerospace clusters.\n\n"
    "On 15 November 2017, during the Dubai Airshow, EACP ABROAD signed a cooperation "
    "agreement with the Dubai South cluster, which runs most of the aerospace activities "
    "around the new Al Maktoum International Airport." },
  { "The European Cleantech Internationalisation Initiative", "EC2i", ECO_RENEWABLES, ECO_DIGITAL,
    { "US" },
    "European cleantech clusters going international together: Smart City & Digitalisation, "
    "Green Energy, Energy Efficiency and Smart Grids, Waste Management & Recycling, Resource "
    "Management (Water, Air, Soil).\n\n"
    "EC2i organises US Matchmaking Events in conjunction with the Smart Cities Conference in "
    "New York, where European companies meet American project owners, corporate buyers and "
    "other partners." },
  { "LASER-GO Global", "LASER-GO", ECO_CROSS, N_ECOSYSTEMS,
    { "NZ", "AU" },
    "In 2018 the LASER-GO Global partnership kick-started its activities with a mission to New "
    "Zealand and Australia.\n\n"
    "In February a delegation from the consortium visited Auckland, Dunedin and Melbourne, "
    "meeting public officials, company representatives and university leaders: the most "
    "successful mission to date in terms of leads and contacts." },
};

typedef enum
{
  ATTENDEES_CLUSTERS,      /* people from clusters, some from other bodies */
  ATTENDEES_ECCP_2018,     /* 130 cluster organisations from 22 countries */
  ATTENDEES_MINISTRIES,    /* the ministries of 25 EU countries */
  ATTENDEES_INDUSTRY_DAY,  /* with Bianca Dragomir as speaker */
} AttendeeMode;

typedef struct
{
  const char   *title;
  const char   *kind;
  const char   *country;   /* NULL: online or not known */
  const char   *city;
  const char   *zone;
  int           year, month, day, start_hour, start_minute;
  guint         n_days;
  int           end_hour, end_minute;
  const char   *venue;
  const char   *organiser;
  const char   *description;
  guint         n_attendees;
  guint         n_meetings;
  guint         capacity;
  int           partnership;  /* -1: none */
  AttendeeMode  mode;
} NamedEvent;

enum
{
  EVENT_ECCP_MATCHMAKING_2018,
  EVENT_EU_TAIWAN,
  EVENT_EU_UKRAINE,
  N_NAMED_EVENTS = 16
};

static const NamedEvent named_events[N_NAMED_EVENTS] = {
  { "European Cluster Matchmaking Event 2018", "matchmaking", "BE", "Brussels", "Europe/Brussels",
    2018, 2, 22, 9, 0, 1, 18, 0, NULL, "European Cluster Collaboration Platform (ECCP)",
    "With 525 bilateral meetings between European clusters, the ECCP Matchmaking Event met the "
    "expectations of the 130 participating cluster organisations from 22 countries. These "
    "clusters represent more than 10,000 SMEs in Europe that will benefit from the contacts and "
    "the concrete cooperation initiatives developed during the matchmaking session.\n\n"
    "For the first time, several EU initiatives supporting business internationalisation and "
    "SMEs also took part, to present their services to cluster organisations.",
    130, 525, 150, -1, ATTENDEES_ECCP_2018 },
  { "EU-Taiwan Cluster Matchmaking Event", "matchmaking", "TW", "Taipei", "Asia/Taipei",
    2018, 6, 4, 9, 0, 3, 18, 0, NULL,
    "ECCP with TAITRA, the Chinese National Federation of Industries (CNFI) and the Bureau of "
    "Foreign Trade (BoFT), Ministry of Economic Affairs (MOEA)",
    "An EU-Taiwan Cluster Cooperation and Matchmaking Event to give EU clusters access to the "
    "Taiwanese market through close cooperation with local organisations.\n\n"
    "The mission takes place during the European Innovation Week (4-7 June 2018) and the "
    "COMPUTEX TAIPEI tradeshow (5-8 June 2018).",
    64, 140, 80, -1, ATTENDEES_CLUSTERS },
  { "EU-Ukraine Cluster Policy Learning and Matchmaking Event", "matchmaking", "UA", "Kyiv",
    "Europe/Kyiv", 2018, 3, 27, 9, 0, 2, 17, 30, NULL,
    "PwC in close collaboration with the ECCP, on behalf of the European Commission",
    "In the context of the High Level Industrial Dialogue between the EU and Ukraine: cluster "
    "policy learning and matchmaking between EU and Ukrainian clusters.",
    72, 120, 90, -1, ATTENDEES_CLUSTERS },
  { "“Clusters Go International” Partnering Event 2018", "conference", "BE", "Brussels",
    "Europe/Brussels", 2018, 2, 21, 9, 0, 1, 18, 0, NULL, "DG GROW, European Commission",
    "The official launch of the 23 new European Strategic Cluster Partnerships for Going "
    "International (ESCP-4i) for 2018-2019, during the Second European Industry Day.\n\n"
    "Over 100 cluster representatives: the new partnerships learn from the first generation "
    "(2016-2017), which developed and implemented joint internationalisation strategies for "
    "their SME members.",
    105, 0, 120, -1, ATTENDEES_CLUSTERS },
  { "First European Cluster Policy Forum", "conference", "BE", "Brussels", "Europe/Brussels",
    2018, 2, 22, 14, 0, 1, 17, 30, NULL, "DG GROW, European Commission",
    "Representatives of ministries from 25 EU countries met in Brussels during the EU Industry "
    "Day. The meeting focused on modern cluster policies, notably better use of clusters for "
    "driving industrial change and growth.",
    40, 0, 50, -1, ATTENDEES_MINISTRIES },
  { "GROW your REGION conference", "conference", "ES", "Valencia", "Europe/Madrid",
    2017, 11, 29, 9, 0, 2, 17, 0, NULL, "European Cluster Collaboration Platform (ECCP)",
    "'Boosting smart interregional collaboration through clusters': 315 stakeholders from 25 "
    "countries shared their experiences and ideas, which led to 19 topics for future "
    "initiatives to boost strategic interregional collaboration.",
    130, 0, 320, -1, ATTENDEES_CLUSTERS },
  { "Smart Cities New York 2018: EC2i US Matchmaking Events", "matchmaking", "US", "New York",
    "America/New_York", 2018, 5, 7, 9, 0, 4, 17, 30, NULL,
    "The European Cleantech Internationalisation Initiative (EC2i)",
    "European companies meet American project owners, corporate buyers and other partners in "
    "Smart City & Digitalisation, Green Energy, Energy Efficiency and Smart Grids, Waste "
    "Management & Recycling and Resource Management (Water, Air, Soil).",
    48, 90, 60, PARTNERSHIP_EC2I, ATTENDEES_CLUSTERS },
  { "EU - Asia Gateway 2018", "conference", NULL, NULL, "Europe/Brussels",
    2018, 5, 16, 9, 0, 1, 17, 0, NULL, NULL,
    "European clusters and SMEs meet the partners and services that open Asian markets.",
    50, 0, 80, -1, ATTENDEES_CLUSTERS },
  { "ESTC Conference in Dresden", "conference", "DE", "Dresden", "Europe/Berlin",
    2018, 9, 18, 9, 0, 1, 18, 0, NULL, NULL,
    "The electronics system-integration community meets in Dresden.",
    80, 0, 120, -1, ATTENDEES_CLUSTERS },
  { "Opportunity for leading European Healthcare & Medical Technologies", "other", NULL, NULL,
    "Europe/Brussels", 2018, 8, 28, 10, 0, 1, 16, 0, NULL, NULL,
    "An opportunity for leading European healthcare and medical technology companies and "
    "their clusters.",
    0, 0, 0, -1, ATTENDEES_CLUSTERS },
  { "S3 Thematic Platform for Industrialisation and Interreg Europe projects meet in Rovaniemi",
    "conference", "FI", "Rovaniemi", "Europe/Helsinki", 2018, 4, 11, 9, 0, 1, 17, 0, NULL, NULL,
    "Groups of the S3 Thematic Platform for Industrialisation and of Interreg Europe projects "
    "supporting innovation-led interregional cooperation exchange experiences and discuss "
    "synergies and complementarities.",
    35, 0, 60, -1, ATTENDEES_CLUSTERS },
  { "The role of clusters and partnerships for stronger EU/global value chains", "conference",
    "BE", "Brussels", "Europe/Brussels", 2018, 2, 23, 10, 0, 1, 12, 30, NULL,
    "DG GROW, European Commission",
    "A workshop of the EU Industry Day. Keynote: Bianca Dragomir, Cluster Manager of AVAESSEN "
    "and European Cluster Manager of the Year 2016.",
    60, 0, 80, -1, ATTENDEES_INDUSTRY_DAY },
  { "How to support MSMEs: sharing of national, regional and multilateral experiences",
    "conference", "CH", "Genève", "Europe/Zurich", 2017, 10, 31, 10, 0, 1, 17, 0,
    "World Trade Organization", "World Trade Organization",
    "A workshop on integrating micro, small and medium-sized enterprises into international "
    "trade, where the European Cluster Collaboration Platform was presented.",
    30, 0, 60, -1, ATTENDEES_CLUSTERS },
  { "ECCP Expert Talks: the funding mix for cluster organisations", "webinar", NULL, NULL,
    "Europe/Brussels", 2017, 12, 12, 11, 0, 1, 12, 0, NULL,
    "European Cluster Collaboration Platform (ECCP)",
    "The first ECCP Expert Talks webinar: Gerd Meier zu Köcker, founder of the European "
    "Secretariat for Cluster Analysis, on sustainable funding for cluster initiatives, "
    "followed by discussion with more than 50 registered participants.",
    0, 0, 100, -1, ATTENDEES_CLUSTERS },
  { "LASER-GO mission to New Zealand and Australia", "mission", "NZ", "Auckland",
    "Pacific/Auckland", 2018, 2, 12, 9, 0, 10, 18, 0, NULL, "LASER-GO Global",
    "A delegation from the consortium visits Auckland, Dunedin and Melbourne to meet public "
    "officials, company representatives and university leaders.",
    0, 0, 15, PARTNERSHIP_LASER_GO, ATTENDEES_CLUSTERS },
  { "EACP ABROAD at the Dubai Airshow 2017", "mission", "AE", "Dubai", "Asia/Dubai",
    2017, 11, 12, 10, 0, 5, 17, 0, NULL, "EACP ABROAD",
    "European aerospace clusters at the Dubai Airshow. On 15 November 2017 EACP ABROAD signs a "
    "cooperation agreement with the Dubai South cluster.",
    0, 0, 20, PARTNERSHIP_EACP_ABROAD, ATTENDEES_CLUSTERS },
};

typedef struct
{
  const char *title;
  const char *programme;
  const char *zone;
  int         year, month, day, hour, minute;
  const char *description;
  guint       ecosystem;  /* N_ECOSYSTEMS: none */
} NamedCall;

static const NamedCall named_calls[] = {
  { "EIT's 2018 Call for Knowledge and Innovation Communities (KICs) Proposals", "EIT",
    "Europe/Brussels", 2018, 7, 12, 17, 0,
    "The European Institute of Innovation and Technology invites proposals for new Knowledge "
    "and Innovation Communities.", N_ECOSYSTEMS },
  { "Targeted call on renewable energy in 2018", NULL, "Europe/Brussels", 2018, 7, 31, 17, 0,
    "A targeted call for projects on renewable energy.", ECO_RENEWABLES },
  { "The Institute for Competitiveness & Prosperity is looking for panelists for TCI 2018", NULL,
    "America/Toronto", 2018, 4, 13, 23, 59,
    "Panelists wanted for the TCI 2018 global conference on competitiveness and clusters.",
    N_ECOSYSTEMS },
};

#define N_NAMED_CALLS G_N_ELEMENTS (named_calls)

/* ------------------------------------------------------------------------
 * The generator
 * ------------------------------------------------------------------------ */

typedef struct
{
  guint32      julian;        /* first day */
  guint        n_days;
  GTimeZone   *zone;          /* owned by DemoGen.zones */
  guint        n_attendees;
  guint        n_meetings;    /* wanted */
  AttendeeMode mode;
  gboolean     matchmaking;
} EventPlan;

typedef struct
{
  guint             n_clusters;
  guint             n_partnerships;
  guint             n_events;
  guint             n_calls;

  /* clusters: who and where, for names, partnerships and attendees */
  guint8           *cluster_country;
  guint8           *cluster_ecosystem;
  const char      **cluster_city;
  const char      **cluster_name;
  GStringChunk     *strings;
  guint            *country_start;     /* N_COUNTRIES + 1 */
  guint            *country_clusters;
  guint            *ecosystem_start;   /* N_ECOSYSTEMS + 1 */
  guint            *ecosystem_clusters;

  /* partnerships: [start[p], start[p + 1]) of members, coordinator first */
  guint            *partnership_start;
  guint            *partnership_clusters;
  guint8           *partnership_ecosystem;
  guint            *cluster_partnership_start;
  guint            *cluster_partnerships;

  EventPlan        *events;

  GHashTable       *zones;             /* identifier → GTimeZone */
  const char       *kyiv_zone;
  guint             country_weight_total;
  guint             ecosystem_weight_total;

  /* output */
  EccpDemoPageFunc  page_func;
  gpointer          user_data;
  JsonArray        *page;
  gint64            seq;
  gint64            changed_base;
  gint64            changed_step;
  GTimeZone        *portal_zone;
  GChecksum        *checksum;
  guint32           reference_julian;
} DemoGen;

static GRand *
phase_rand (guint32 phase)
{
  guint32 seed[2] = { DEMO_SEED, phase };

  return g_rand_new_with_seed_array (seed, G_N_ELEMENTS (seed));
}

static guint
pick (GRand *rand,
      guint  n)
{
  return (guint) g_rand_int_range (rand, 0, (gint32) n);
}

static gboolean
chance (GRand  *rand,
        double  p)
{
  return g_rand_double (rand) < p;
}

static guint
pick_weighted (GRand       *rand,
               const guint *weights,
               gsize        stride,
               guint        n,
               guint        total)
{
  guint r = pick (rand, total);

  for (guint i = 0; i < n; i++)
    {
      guint w = *(const guint *) ((const char *) weights + i * stride);

      if (r < w)
        return i;
      r -= w;
    }

  return n - 1;
}

static guint
pick_country (DemoGen *gen,
              GRand   *rand)
{
  return pick_weighted (rand, &countries[0].weight, sizeof (Country),
                        N_COUNTRIES, gen->country_weight_total);
}

static guint
pick_ecosystem (DemoGen *gen,
                GRand   *rand)
{
  return pick_weighted (rand, ecosystem_weights, sizeof (guint),
                        N_ECOSYSTEMS, gen->ecosystem_weight_total);
}

static guint
count_strings (const char * const *strv,
               guint               max)
{
  guint n = 0;

  while (n < max && strv[n] != NULL)
    n++;

  return n;
}

static const char *
pick_string (GRand              *rand,
             const char * const *strv,
             guint               max)
{
  return strv[pick (rand, count_strings (strv, max))];
}

#define PICK_STRING(rand, array) pick_string ((rand), (array), G_N_ELEMENTS (array))

static const char *
pick_sector_word (GRand *rand,
                  guint  ecosystem)
{
  return PICK_STRING (rand, sector_words[ecosystem]);
}

static guint
country_index (const char *code)
{
  for (guint i = 0; i < N_COUNTRIES; i++)
    {
      if (strcmp (countries[i].code, code) == 0)
        return i;
    }

  g_assert_not_reached ();
  return 0;
}

static GTimeZone *
get_zone (DemoGen    *gen,
          const char *identifier)
{
  GTimeZone *zone;

  if (g_strcmp0 (identifier, "Europe/Kyiv") == 0)
    identifier = gen->kyiv_zone;

  zone = g_hash_table_lookup (gen->zones, identifier);
  if (zone == NULL)
    {
      zone = g_time_zone_new_identifier (identifier);
      if (zone == NULL)
        {
          g_warning ("Time zone %s is missing; using UTC", identifier);
          zone = g_time_zone_new_utc ();
        }
      g_hash_table_insert (gen->zones, (gpointer) identifier, zone);
    }

  return zone;
}

static const char *
zone_name (DemoGen    *gen,
           const char *identifier)
{
  if (g_strcmp0 (identifier, "Europe/Kyiv") == 0)
    return gen->kyiv_zone;

  return identifier;
}

/* {X} in @template is replaced by values[X - 'A']; no printf formats, so no
 * format string comes from data. */
static char *
expand (const char         *template,
        const char * const *values)
{
  GString *out = g_string_new (NULL);

  for (const char *p = template; *p != '\0'; p++)
    {
      if (p[0] == '{' && p[1] >= 'A' && p[1] <= 'Z' && p[2] == '}')
        {
          const char *value = values[p[1] - 'A'];

          if (value != NULL)
            g_string_append (out, value);
          p += 2;
        }
      else
        {
          g_string_append_c (out, *p);
        }
    }

  return g_string_free (out, FALSE);
}

/* ASCII, lower case, words joined by @separator: "Kraków Łódź" →
 * "krakow-lodz". */
static char *
make_slug (const char *text,
           char        separator,
           gsize       max_len)
{
  g_autofree char *ascii = NULL;
  GString *slug = g_string_new (NULL);
  gboolean pending = FALSE;
  GString *prepared = g_string_new (NULL);

  /* letters that g_str_to_ascii() does not know */
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x00DE)
        g_string_append (prepared, "Th");
      else if (c == 0x00FE)
        g_string_append (prepared, "th");
      else if (c == 0x00D0 || c == 0x00F0)
        g_string_append_c (prepared, 'd');
      else
        g_string_append_unichar (prepared, c);
    }

  ascii = g_str_to_ascii (prepared->str, "C");
  g_string_free (prepared, TRUE);

  for (const char *p = ascii; *p != '\0' && slug->len < max_len; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (pending && slug->len > 0)
            g_string_append_c (slug, separator);
          pending = FALSE;
          g_string_append_c (slug, g_ascii_tolower (*p));
        }
      else if (*p != '\'')
        {
          pending = TRUE;
        }
    }

  while (slug->len > 0 && slug->str[slug->len - 1] == separator)
    g_string_truncate (slug, slug->len - 1);

  if (slug->len == 0)
    g_string_append (slug, "demo");

  return g_string_free (slug, FALSE);
}

static char *
make_acronym (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  GString *acronym = g_string_new (NULL);
  gboolean at_word = TRUE;

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalpha (*p))
        {
          if (at_word && g_ascii_isupper (*p) && acronym->len < 10)
            g_string_append_c (acronym, *p);
          at_word = FALSE;
        }
      else if (*p == ' ' || *p == '-')
        {
          at_word = TRUE;
        }
    }

  if (acronym->len < 2)
    {
      g_string_free (acronym, TRUE);
      return NULL;
    }

  return g_string_free (acronym, FALSE);
}

static char *
make_person (GRand *rand,
             Lang   lang)
{
  const PersonNames *names = &person_names[lang];
  guint first = pick (rand, 8);
  guint last = pick (rand, 8);
  gboolean female = (names->female >> first) & 1;
  const char *surname = names->last[last];

  if (female && names->last_female[0] != NULL)
    surname = names->last_female[last];

  return g_strconcat (names->first[first], " ", surname, NULL);
}

static void
make_uuid (DemoGen    *gen,
           const char *key,
           char        out[37])
{
  guint8 digest[20];
  gsize len = sizeof digest;

  g_checksum_reset (gen->checksum);
  g_checksum_update (gen->checksum, (const guchar *) key, -1);
  g_checksum_get_digest (gen->checksum, digest, &len);

  digest[6] = (digest[6] & 0x0f) | 0x50;  /* version 5: name-based, SHA-1 */
  digest[8] = (digest[8] & 0x3f) | 0x80;  /* RFC 4122 variant */

  for (guint i = 0, j = 0; i < 16; i++)
    {
      static const char hex[] = "0123456789abcdef";

      if (i == 4 || i == 6 || i == 8 || i == 10)
        out[j++] = '-';
      out[j++] = hex[digest[i] >> 4];
      out[j++] = hex[digest[i] & 0xf];
    }
  out[36] = '\0';
}

static void
make_id (DemoGen    *gen,
         char        out[37],
         const char *type,
         guint       index)
{
  char key[64];

  g_snprintf (key, sizeof key, "%s:%u", type, index);
  make_uuid (gen, key, out);
}

static void
make_sub_id (DemoGen    *gen,
             char        out[37],
             const char *type,
             guint       event,
             guint       index)
{
  char key[64];

  g_snprintf (key, sizeof key, "%s:%u:%u", type, event, index);
  make_uuid (gen, key, out);
}

/* --- time --------------------------------------------------------------- */

static guint32
julian_of (int year,
           int month,
           int day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);

  return g_date_get_julian (&date);
}

static GDateTime *
local_time (GTimeZone *zone,
            guint32    julian,
            int        hour,
            int        minute)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);

  return g_date_time_new (zone, g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date), hour, minute, 0);
}

static char *
format_time (GDateTime *time)
{
  return eccp_date_time_format_rfc3339 (time);
}

static char *
format_local (GTimeZone *zone,
              guint32    julian,
              int        hour,
              int        minute)
{
  g_autoptr(GDateTime) time = local_time (zone, julian, hour, minute);

  return format_time (time);
}

static char *
format_date (guint32 julian)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);

  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date),
                          g_date_get_month (&date), g_date_get_day (&date));
}

static int
year_of (guint32 julian)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);

  return g_date_get_year (&date);
}

/* A working day between FIRST_YEAR and LAST_YEAR. */
static guint32
pick_working_day (GRand *rand)
{
  guint32 first = julian_of (FIRST_YEAR, 1, 1);
  guint32 last = julian_of (LAST_YEAR, 12, 31);
  guint32 julian = first + pick (rand, last - first + 1);
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  if (g_date_get_weekday (&date) == G_DATE_SATURDAY)
    julian += 2;
  else if (g_date_get_weekday (&date) == G_DATE_SUNDAY)
    julian += 1;

  return MIN (julian, last);
}

/* --- JSON --------------------------------------------------------------- */

static void
set_string (JsonObject *object,
            const char *member,
            const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
}

static void
take_string (JsonObject *object,
             const char *member,
             char       *value)
{
  set_string (object, member, value);
  g_free (value);
}

static void
add_string_take (JsonArray *array,
                 char      *value)
{
  json_array_add_string_element (array, value);
  g_free (value);
}

static JsonArray *
string_array (const char * const *values,
              guint               n_values)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < n_values && values[i] != NULL; i++)
    json_array_add_string_element (array, values[i]);

  return array;
}

static JsonObject *
identifier (const char *type,
            const char *id)
{
  g_autoptr(JsonNode) node = eccp_json_identifier_new (type, id);

  return json_node_dup_object (node);
}

static void
relate_one (JsonObject *relationships,
            const char *name,
            const char *type,
            const char *id)
{
  JsonObject *relationship = json_object_new ();

  json_object_set_object_member (relationship, "data", identifier (type, id));
  json_object_set_object_member (relationships, name, relationship);
}

static void
relate_many (JsonObject *relationships,
             const char *name,
             JsonArray  *data)
{
  JsonObject *relationship = json_object_new ();

  json_object_set_array_member (relationship, "data", data);
  json_object_set_object_member (relationships, name, relationship);
}

static JsonObject *
resource_new (const char  *type,
              const char  *id,
              JsonObject **attributes,
              JsonObject **relationships)
{
  JsonObject *resource = json_object_new ();

  json_object_set_string_member (resource, "type", type);
  json_object_set_string_member (resource, "id", id);
  *attributes = json_object_new ();
  json_object_set_object_member (resource, "attributes", *attributes);
  *relationships = json_object_new ();
  json_object_set_object_member (resource, "relationships", *relationships);

  return resource;
}

static gboolean
flush_page (DemoGen  *gen,
            GError  **error)
{
  g_autoptr(JsonNode) document = NULL;
  JsonObject *root;

  if (json_array_get_length (gen->page) == 0)
    return TRUE;

  root = json_object_new ();
  json_object_set_array_member (root, "data", g_steal_pointer (&gen->page));
  document = json_node_init_object (json_node_alloc (), root);
  json_object_unref (root);
  gen->page = json_array_sized_new (DEMO_PAGE_SIZE);

  return gen->page_func (document, gen->user_data, error);
}

/* Adds meta and hands @resource (taken) to the page. */
static gboolean
emit (DemoGen     *gen,
      JsonObject  *resource,
      const char  *moderation_state,
      const char  *review_comment,
      GError     **error)
{
  JsonObject *meta = json_object_new ();
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) changed = NULL;

  gen->seq++;
  utc = g_date_time_new_from_unix_utc (gen->changed_base + gen->seq * gen->changed_step);
  changed = g_date_time_to_timezone (utc, gen->portal_zone);

  json_object_set_int_member (meta, "rev", 1);
  json_object_set_int_member (meta, "seq", gen->seq);
  take_string (meta, "changed", format_time (changed));
  if (moderation_state != NULL)
    {
      json_object_set_string_member (meta, "moderation_state", moderation_state);
      json_object_set_null_member (meta, "published");
      set_string (meta, "review_comment", review_comment);
    }
  json_object_set_object_member (resource, "meta", meta);

  json_array_add_object_element (gen->page, resource);

  if (json_array_get_length (gen->page) >= DEMO_PAGE_SIZE)
    return flush_page (gen, error);

  return TRUE;
}

/* ------------------------------------------------------------------------
 * Plans
 * ------------------------------------------------------------------------ */

static void
index_by (guint         n_items,
          const guint8 *keys,
          guint         n_keys,
          guint       **start_out,
          guint       **items_out)
{
  guint *start = g_new0 (guint, n_keys + 1);
  guint *items = g_new (guint, MAX (n_items, 1));
  g_autofree guint *fill = g_new0 (guint, n_keys);

  for (guint i = 0; i < n_items; i++)
    start[keys[i] + 1]++;
  for (guint k = 0; k < n_keys; k++)
    start[k + 1] += start[k];
  for (guint i = 0; i < n_items; i++)
    items[start[keys[i]] + fill[keys[i]]++] = i;

  *start_out = start;
  *items_out = items;
}

static char *
make_cluster_name (GRand      *rand,
                   const char *city,
                   guint       country,
                   guint       ecosystem)
{
  const char *values[26] = { NULL };
  Lang lang = countries[country].lang;

  values['P' - 'A'] = city;
  values['S' - 'A'] = pick_sector_word (rand, ecosystem);

  for (guint i = 0; i < G_N_ELEMENTS (local_names); i++)
    {
      if (local_names[i].lang == lang && chance (rand, 0.6))
        {
          values['L' - 'A'] = local_names[i].sectors[ecosystem];
          return expand (PICK_STRING (rand, local_names[i].templates), values);
        }
    }

  return expand (PICK_STRING (rand, english_templates), values);
}

static void
plan_clusters (DemoGen *gen)
{
  g_autoptr(GRand) rand = phase_rand (PHASE_IDENTITY);
  g_autoptr(GHashTable) names = NULL;
  guint n = gen->n_clusters;

  gen->cluster_country = g_new (guint8, n);
  gen->cluster_ecosystem = g_new (guint8, n);
  gen->cluster_city = g_new (const char *, n);
  gen->cluster_name = g_new (const char *, n);
  gen->strings = g_string_chunk_new (64 * 1024);
  names = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n; i++)
    {
      if (i < N_NAMED_CLUSTERS)
        {
          const NamedCluster *named = &named_clusters[i];

          gen->cluster_country[i] = country_index (named->country);
          gen->cluster_ecosystem[i] = named->ecosystem;
          gen->cluster_city[i] = named->city;
          gen->cluster_name[i] = named->name;
        }
      else
        {
          guint country = pick_country (gen, rand);
          guint ecosystem = pick_ecosystem (gen, rand);
          const char *city = NULL;
          g_autofree char *name = NULL;

          /* names are unique while the vocabulary allows */
          for (guint attempt = 0; attempt < 8; attempt++)
            {
              g_free (name);
              city = PICK_STRING (rand, countries[country].cities);
              name = make_cluster_name (rand, city, country, ecosystem);
              if (!g_hash_table_contains (names, name))
                break;
            }

          gen->cluster_country[i] = country;
          gen->cluster_ecosystem[i] = ecosystem;
          gen->cluster_city[i] = city;
          gen->cluster_name[i] = g_string_chunk_insert (gen->strings, name);
        }
      g_hash_table_add (names, (gpointer) gen->cluster_name[i]);
    }

  index_by (n, gen->cluster_country, N_COUNTRIES,
            &gen->country_start, &gen->country_clusters);
  index_by (n, gen->cluster_ecosystem, N_ECOSYSTEMS,
            &gen->ecosystem_start, &gen->ecosystem_clusters);
}

static gboolean
contains (const guint *items,
          guint        n_items,
          guint        item)
{
  for (guint i = 0; i < n_items; i++)
    {
      if (items[i] == item)
        return TRUE;
    }

  return FALSE;
}

/* Picks @n_wanted distinct clusters into @out, of @ecosystem where there are
 * enough, else of any ecosystem. */
static guint
pick_clusters (DemoGen *gen,
               GRand   *rand,
               guint    ecosystem,
               guint    n_wanted,
               guint   *out)
{
  const guint *pool = gen->ecosystem_clusters + gen->ecosystem_start[ecosystem];
  guint n_pool = gen->ecosystem_start[ecosystem + 1] - gen->ecosystem_start[ecosystem];
  guint n = 0;

  n_wanted = MIN (n_wanted, gen->n_clusters);
  if (ecosystem == ECO_CROSS || n_pool < n_wanted * 3)
    {
      pool = NULL;
      n_pool = gen->n_clusters;
    }

  for (guint attempt = 0; n < n_wanted && attempt < n_wanted * 20; attempt++)
    {
      guint i = pick (rand, n_pool);
      guint cluster = pool != NULL ? pool[i] : i;

      if (!contains (out, n, cluster))
        out[n++] = cluster;
    }

  /* a tiny set: take the first free ones */
  for (guint cluster = 0; n < n_wanted && cluster < gen->n_clusters; cluster++)
    {
      if (!contains (out, n, cluster))
        out[n++] = cluster;
    }

  return n;
}

static void
plan_partnerships (DemoGen *gen)
{
  g_autoptr(GRand) rand = phase_rand (PHASE_PARTNERSHIP_PLAN);
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n = gen->n_partnerships;

  gen->partnership_start = g_new0 (guint, n + 1);
  gen->partnership_ecosystem = g_new (guint8, n);

  for (guint p = 0; p < n; p++)
    {
      guint picked[9];
      guint ecosystem;
      guint n_picked;

      if (p < N_NAMED_PARTNERSHIPS)
        ecosystem = named_partnerships[p].ecosystem;
      else
        ecosystem = pick_ecosystem (gen, rand);

      /* a coordinator and 3–8 members */
      n_picked = pick_clusters (gen, rand, ecosystem, 4 + pick (rand, 6), picked);
      g_array_append_vals (members, picked, n_picked);

      gen->partnership_ecosystem[p] = ecosystem;
      gen->partnership_start[p + 1] = members->len;
    }

  gen->partnership_clusters = (guint *) g_array_free (g_steal_pointer (&members), FALSE);

  /* and back: each cluster's partnerships */
  gen->cluster_partnership_start = g_new0 (guint, gen->n_clusters + 1);
  for (guint i = 0; i < gen->partnership_start[n]; i++)
    gen->cluster_partnership_start[gen->partnership_clusters[i] + 1]++;
  for (guint c = 0; c < gen->n_clusters; c++)
    gen->cluster_partnership_start[c + 1] += gen->cluster_partnership_start[c];

  gen->cluster_partnerships = g_new (guint, MAX (gen->partnership_start[n], 1));
  {
    g_autofree guint *fill = g_new0 (guint, gen->n_clusters);

    for (guint p = 0; p < n; p++)
      {
        for (guint i = gen->partnership_start[p]; i < gen->partnership_start[p + 1]; i++)
          {
            guint c = gen->partnership_clusters[i];

            gen->cluster_partnerships[gen->cluster_partnership_start[c] + fill[c]++] = p;
          }
      }
  }
}

/* ------------------------------------------------------------------------
 * Clusters
 * ------------------------------------------------------------------------ */

typedef enum
{
  CRITERION_FTE = 1 << 0,
  CRITERION_WEBSITE = 1 << 1,
  CRITERION_MEMBERS = 1 << 2,
  CRITERION_KINDS = 1 << 3,
} Criterion;

static JsonObject *
members_object (int sme,
                int large,
                int research,
                int other)
{
  JsonObject *members = json_object_new ();

  json_object_set_int_member (members, "sme", sme);
  json_object_set_int_member (members, "large", large);
  json_object_set_int_member (members, "research", research);
  json_object_set_int_member (members, "other", other);

  return members;
}

static char *
review_comment_for (Criterion failed,
                    int       n_members)
{
  GString *comment = g_string_new (NULL);

  if (failed & CRITERION_FTE)
    g_string_append (comment, "Please state a management team of at least 0.5 FTE: "
                              "the profile gives 0.25.\n");
  if (failed & CRITERION_WEBSITE)
    g_string_append (comment, "Please add the cluster's website.\n");
  if (failed & CRITERION_MEMBERS)
    g_string_append_printf (comment, "Please complete the member numbers: a published profile "
                                     "needs at least 15 members, this one lists %d.\n",
                            n_members);
  if (failed & CRITERION_KINDS)
    g_string_append (comment, "Please list members of at least two kinds (SMEs, large "
                              "companies, research, other): the profile lists SMEs only.\n");

  if (comment->len > 0)
    g_string_truncate (comment, comment->len - 1);

  return g_string_free (comment, FALSE);
}

static JsonObject *
build_named_cluster (DemoGen *gen,
                     guint    index)
{
  const NamedCluster *named = &named_clusters[index];
  const Country *country = &countries[gen->cluster_country[index]];
  JsonObject *attributes, *relationships, *resource;
  JsonArray *list;
  char id[37];
  g_autofree char *website = g_strdup_printf ("https://www.%s.example.eu", named->slug);

  make_id (gen, id, "cluster", index);
  resource = resource_new ("cluster", id, &attributes, &relationships);

  set_string (attributes, "name", named->name);
  set_string (attributes, "acronym", named->acronym);
  set_string (attributes, "profile_type", "cluster_organisation");
  set_string (attributes, "country", named->country);
  set_string (attributes, "city", named->city);
  set_string (attributes, "website", website);
  take_string (attributes, "email", g_strdup_printf ("info@%s.example.eu", named->slug));
  take_string (attributes, "phone", g_strdup_printf ("%s 21 %03u %04u", country->phone,
                                                     100 + index * 37, 1000 + index * 1111));
  set_string (attributes, "description", named->description);
  list = json_array_new ();
  json_array_add_string_element (list, ecosystem_name (named->ecosystem));
  if (named->ecosystem2 < N_ECOSYSTEMS)
    json_array_add_string_element (list, ecosystem_name (named->ecosystem2));
  json_object_set_array_member (attributes, "ecosystems", list);
  json_object_set_array_member (attributes, "emerging_industries", json_array_new ());
  json_object_set_object_member (attributes, "members",
                                 members_object (named->sme, named->large,
                                                 named->research, named->other));
  json_object_set_double_member (attributes, "management_fte", named->fte);
  json_object_set_int_member (attributes, "founded", named->founded);
  set_string (attributes, "label", named->label);
  set_string (attributes, "label_valid_until", named->label_valid_until);
  set_string (attributes, "manager_name", named->manager_name);
  if (index == CLUSTER_KLASTER)
    json_object_set_int_member (attributes, "eccp_legacy_id", 1234);

  return resource;
}

static const char *
profile_phrase (const char *profile_type)
{
  if (g_str_equal (profile_type, "national_cluster_organisation"))
    return "national cluster organisation";
  if (g_str_equal (profile_type, "cluster_project"))
    return "cluster project";
  return "cluster organisation";
}

static void
relate_cluster_partnerships (DemoGen    *gen,
                             JsonObject *relationships,
                             guint       index)
{
  guint first = gen->cluster_partnership_start[index];
  guint last = gen->cluster_partnership_start[index + 1];
  JsonArray *data;

  if (first == last)
    return;

  data = json_array_new ();
  for (guint i = first; i < last; i++)
    {
      char id[37];

      make_id (gen, id, "partnership", gen->cluster_partnerships[i]);
      json_array_add_object_element (data, identifier ("partnership", id));
    }
  relate_many (relationships, "partnerships", data);
}

static JsonObject *
build_cluster (DemoGen     *gen,
               GRand       *rand,
               guint        index,
               const char **state,
               char       **review_comment)
{
  static const char * const profile_types[] = {
    "cluster_organisation", "national_cluster_organisation", "cluster_project",
  };
  static const guint profile_weights[] = { 85, 7, 8 };
  static const char * const labels[] = { "none", "bronze", "silver", "gold" };
  static const guint label_weights[] = { 60, 25, 10, 5 };
  static const char * const mailboxes[] = { "info", "contact", "office", "hello" };
  const Country *country = &countries[gen->cluster_country[index]];
  guint ecosystem = gen->cluster_ecosystem[index];
  const char *name = gen->cluster_name[index];
  const char *profile_type;
  const char *label;
  JsonObject *attributes, *relationships, *resource;
  JsonArray *list;
  g_autofree char *slug = make_slug (name, '-', 40);
  g_autofree char *acronym = NULL;
  g_autofree char *ecosystem_text = NULL;
  guint extra[2] = { N_ECOSYSTEMS, N_ECOSYSTEMS };
  guint n_extra;
  int sme, large, research, other;
  double fte;
  Criterion failed = 0;
  char id[37];

  make_id (gen, id, "cluster", index);
  resource = resource_new ("cluster", id, &attributes, &relationships);

  /* About one profile in ten does not meet the publication criteria. */
  if (chance (rand, 0.10))
    {
      static const Criterion criteria[] = {
        CRITERION_FTE, CRITERION_WEBSITE, CRITERION_MEMBERS, CRITERION_KINDS,
      };

      failed = criteria[pick (rand, G_N_ELEMENTS (criteria))];
      if (chance (rand, 0.2))
        failed |= criteria[pick (rand, G_N_ELEMENTS (criteria))];
      if ((failed & CRITERION_MEMBERS) && (failed & CRITERION_KINDS))
        failed &= ~CRITERION_KINDS;
    }

  profile_type = profile_types[pick_weighted (rand, profile_weights, sizeof (guint),
                                              G_N_ELEMENTS (profile_weights), 100)];
  label = labels[pick_weighted (rand, label_weights, sizeof (guint),
                                G_N_ELEMENTS (label_weights), 100)];

  n_extra = chance (rand, 0.45) ? (chance (rand, 0.3) ? 2 : 1) : 0;
  for (guint i = 0; i < n_extra; i++)
    {
      guint e = pick_ecosystem (gen, rand);

      if (e != ecosystem && (i == 0 || e != extra[0]))
        extra[i] = e;
    }

  if (failed & CRITERION_MEMBERS)
    {
      sme = 9;
      large = 2;
      research = 1;
      other = 0;
    }
  else if (failed & CRITERION_KINDS)
    {
      sme = 20 + pick (rand, 60);
      large = research = other = 0;
    }
  else
    {
      double u = g_rand_double (rand);

      /* 15 members at least, of two kinds at least (SMEs and research) */
      sme = 14 + (int) (u * u * 380);
      large = pick (rand, 4) == 0 ? 0 : 1 + pick (rand, 30);
      research = 1 + pick (rand, 25);
      other = pick (rand, 3) == 0 ? 0 : pick (rand, 20);
    }

  fte = (failed & CRITERION_FTE) ? 0.25 : 0.5 + 0.5 * pick (rand, 12);

  set_string (attributes, "name", name);
  if (chance (rand, 0.5))
    acronym = make_acronym (name);
  set_string (attributes, "acronym", acronym);
  set_string (attributes, "profile_type", profile_type);
  set_string (attributes, "country", country->code);
  set_string (attributes, "city", gen->cluster_city[index]);
  if (!(failed & CRITERION_WEBSITE))
    take_string (attributes, "website", g_strdup_printf ("https://www.%s.example.eu", slug));
  take_string (attributes, "email", g_strdup_printf ("%s@%s.example.eu",
                                                     PICK_STRING (rand, mailboxes), slug));
  if (chance (rand, 0.85))
    take_string (attributes, "phone",
                 g_strdup_printf ("%s %u %03u %04u", country->phone, 2 + pick (rand, 98),
                                  pick (rand, 1000), pick (rand, 10000)));

  ecosystem_text = g_ascii_strdown (ecosystem_name (ecosystem), -1);
  take_string (attributes, "description",
               g_strdup_printf ("%s is a %s based in %s, %s. Its %d members work in %s: "
                                "SMEs %d, large companies %d, research organisations %d, "
                                "others %d.\n\nThe cluster helps its members to %s and to %s.",
                                name, profile_phrase (profile_type), gen->cluster_city[index],
                                country->name, sme + large + research + other, ecosystem_text,
                                sme, large, research, other,
                                PICK_STRING (rand, cluster_activities),
                                PICK_STRING (rand, cluster_activities)));

  list = json_array_new ();
  json_array_add_string_element (list, ecosystem_name (ecosystem));
  for (guint i = 0; i < G_N_ELEMENTS (extra); i++)
    {
      if (extra[i] < N_ECOSYSTEMS)
        json_array_add_string_element (list, ecosystem_name (extra[i]));
    }
  json_object_set_array_member (attributes, "ecosystems", list);

  list = json_array_new ();
  if (chance (rand, 0.6))
    {
      guint first = pick (rand, G_N_ELEMENTS (emerging_industries));

      json_array_add_string_element (list, emerging_industries[first]);
      if (chance (rand, 0.4))
        json_array_add_string_element (list, emerging_industries[(first + 1 + pick (rand, 9)) %
                                                                 G_N_ELEMENTS (emerging_industries)]);
    }
  json_object_set_array_member (attributes, "emerging_industries", list);

  json_object_set_object_member (attributes, "members",
                                 members_object (sme, large, research, other));
  json_object_set_double_member (attributes, "management_fte", fte);
  json_object_set_int_member (attributes, "founded", 1990 + pick (rand, 29));
  set_string (attributes, "label", label);
  if (!g_str_equal (label, "none"))
    take_string (attributes, "label_valid_until",
                 format_date (julian_of (2019 + pick (rand, 10), 1 + pick (rand, 12), 1) - 1));
  if (chance (rand, 0.9))
    take_string (attributes, "manager_name", make_person (rand, country->lang));

  /* an attribute this client does not know, which must survive a round trip */
  if (index % 25 == 7)
    json_object_set_int_member (attributes, "eccp_legacy_id", 10000 + index);

  if (failed != 0)
    {
      *state = chance (rand, 0.5) ? "draft" : "changes_requested";
      *review_comment = review_comment_for (failed, sme + large + research + other);
    }
  else
    {
      *state = "published";
      *review_comment = NULL;
    }

  return resource;
}

static gboolean
emit_clusters (DemoGen  *gen,
               GError  **error)
{
  g_autoptr(GRand) rand = phase_rand (PHASE_CLUSTERS);

  for (guint i = 0; i < gen->n_clusters; i++)
    {
      g_autofree char *review_comment = NULL;
      const char *state = "published";
      JsonObject *resource;

      if (i < N_NAMED_CLUSTERS)
        resource = build_named_cluster (gen, i);
      else
        resource = build_cluster (gen, rand, i, &state, &review_comment);

      relate_cluster_partnerships (gen, json_object_get_object_member (resource, "relationships"),
                                   i);

      if (!emit (gen, resource, state, review_comment, error))
        return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------------------------
 * Partnerships
 * ------------------------------------------------------------------------ */

static char *
make_partnership_acronym (const char *sector,
                          const char *programme)
{
  g_autofree char *ascii = g_str_to_ascii (sector, "C");
  GString *acronym = g_string_new (NULL);
  const char *suffix = "-GO";

  for (const char *p = ascii; *p != '\0' && acronym->len < 10; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (acronym, g_ascii_toupper (*p));
    }

  if (g_str_equal (programme, "ESCP-S3"))
    suffix = "-S3";
  else if (g_str_equal (programme, "ESCP-4x"))
    suffix = "-4X";
  else if (g_str_equal (programme, "Excellence"))
    suffix = "-EXCEL";
  g_string_append (acronym, suffix);

  return g_string_free (acronym, FALSE);
}

static gboolean
emit_partnerships (DemoGen  *gen,
                   GError  **error)
{
  static const char * const templates_4i[] = {
    "{S} Clusters Going to {R}",
    "European {S} Cluster Partnership for {R}",
    "{S} Alliance for {R}",
  };
  static const char * const templates_s3[] = {
    "{S} Smart Specialisation Partnership",
    "Interregional {S} Investment Partnership",
  };
  static const char * const templates_4x[] = {
    "{S} Cluster Excellence Partnership",
    "Excellence in {S} Cluster Management",
  };
  static const char * const templates_excellence[] = {
    "{S} Cluster Excellence Programme",
    "{S} Cluster Management Excellence",
  };
  static const int start_years_4i[] = { 2020, 2022, 2024, 2026 };
  static const int start_years_s3[] = { 2017, 2019, 2021, 2024 };
  static const int start_years_4x[] = { 2018, 2020, 2023, 2025 };
  static const int start_years_excellence[] = { 2016, 2018, 2021, 2023, 2025, 2027 };
  static const int start_months[] = { 1, 4, 7, 9 };
  g_autoptr(GRand) rand = phase_rand (PHASE_PARTNERSHIPS);

  for (guint p = 0; p < gen->n_partnerships; p++)
    {
      const guint *members = gen->partnership_clusters + gen->partnership_start[p];
      guint n_members = gen->partnership_start[p + 1] - gen->partnership_start[p];
      guint ecosystem = gen->partnership_ecosystem[p];
      JsonObject *attributes, *relationships, *resource;
      JsonArray *list;
      g_autofree char *name = NULL;
      g_autofree char *acronym = NULL;
      g_autofree char *description = NULL;
      g_autofree char *slug = NULL;
      const char *programme;
      const char * const *targets = NULL;
      guint n_targets = 0;
      guint ecosystem2 = N_ECOSYSTEMS;
      guint32 period_start, period_end;
      char id[37];

      make_id (gen, id, "partnership", p);
      resource = resource_new ("partnership", id, &attributes, &relationships);

      if (p < N_NAMED_PARTNERSHIPS || p < N_ESCP_4I_2018)
        {
          programme = "ESCP-4i";
          period_start = julian_of (2018, 1, 1);
          period_end = julian_of (2019, 12, 31);
        }
      else
        {
          const int *years;
          guint n_years;
          guint r = pick (rand, 100);
          GDate date;

          if (r < 25)
            {
              static const int first_generation[] = { 2016 };

              programme = "ESCP-4i";
              years = first_generation;
              n_years = 1;
            }
          else if (r < 40)
            {
              programme = "ESCP-4i";
              years = start_years_4i;
              n_years = G_N_ELEMENTS (start_years_4i);
            }
          else if (r < 60)
            {
              programme = "ESCP-S3";
              years = start_years_s3;
              n_years = G_N_ELEMENTS (start_years_s3);
            }
          else if (r < 75)
            {
              programme = "ESCP-4x";
              years = start_years_4x;
              n_years = G_N_ELEMENTS (start_years_4x);
            }
          else
            {
              programme = "Excellence";
              years = start_years_excellence;
              n_years = G_N_ELEMENTS (start_years_excellence);
            }

          if (n_years == 1)
            {
              period_start = julian_of (2016, 1, 1);
              period_end = julian_of (2017, 12, 31);
            }
          else
            {
              period_start = julian_of (years[pick (rand, n_years)],
                                        start_months[pick (rand, G_N_ELEMENTS (start_months))], 1);
              g_date_clear (&date, 1);
              g_date_set_julian (&date, period_start);
              g_date_add_years (&date, 2 + pick (rand, 2));
              period_end = g_date_get_julian (&date) - 1;
            }
        }

      if (p < N_NAMED_PARTNERSHIPS)
        {
          const NamedPartnership *named = &named_partnerships[p];

          name = g_strdup (named->name);
          acronym = g_strdup (named->acronym);
          description = g_strdup (named->description);
          targets = named->targets;
          n_targets = G_N_ELEMENTS (named->targets);
          ecosystem2 = named->ecosystem2;
        }
      else
        {
          const TargetRegion *region = &target_regions[pick (rand, G_N_ELEMENTS (target_regions))];
          const char *values[26] = { NULL };
          const char *template;

          values['S' - 'A'] = pick_sector_word (rand, ecosystem);
          values['R' - 'A'] = region->name;
          if (g_str_equal (programme, "ESCP-4i"))
            {
              template = PICK_STRING (rand, templates_4i);
              targets = region->codes;
              n_targets = G_N_ELEMENTS (region->codes);
            }
          else if (g_str_equal (programme, "ESCP-S3"))
            template = PICK_STRING (rand, templates_s3);
          else if (g_str_equal (programme, "ESCP-4x"))
            template = PICK_STRING (rand, templates_4x);
          else
            template = PICK_STRING (rand, templates_excellence);

          name = expand (template, values);
          acronym = make_partnership_acronym (values['S' - 'A'], programme);
          description = g_strdup_printf ("%s brings together %u clusters from across Europe. "
                                         "Together they build a joint strategy for their SME "
                                         "members and help them to %s.",
                                         name, n_members, PICK_STRING (rand, cluster_activities));
          if (chance (rand, 0.3))
            ecosystem2 = pick_ecosystem (gen, rand);
        }

      slug = make_slug (acronym, '-', 40);

      set_string (attributes, "name", name);
      set_string (attributes, "acronym", acronym);
      set_string (attributes, "programme", programme);
      take_string (attributes, "period_start", format_date (period_start));
      take_string (attributes, "period_end", format_date (period_end));
      set_string (attributes, "description", description);
      json_object_set_array_member (attributes, "target_countries",
                                    string_array (targets, n_targets));
      list = json_array_new ();
      json_array_add_string_element (list, ecosystem_name (ecosystem));
      if (ecosystem2 < N_ECOSYSTEMS && ecosystem2 != ecosystem)
        json_array_add_string_element (list, ecosystem_name (ecosystem2));
      json_object_set_array_member (attributes, "ecosystems", list);
      take_string (attributes, "website", g_strdup_printf ("https://www.%s.example.eu", slug));

      if (n_members > 0)
        {
          make_id (gen, id, "cluster", members[0]);
          relate_one (relationships, "coordinator", "cluster", id);
        }
      list = json_array_new ();
      for (guint i = 1; i < n_members; i++)
        {
          make_id (gen, id, "cluster", members[i]);
          json_array_add_object_element (list, identifier ("cluster", id));
        }
      relate_many (relationships, "members", list);

      if (!emit (gen, resource, "published", NULL, error))
        return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------------------------
 * Events
 * ------------------------------------------------------------------------ */

static const char *
upcoming_state (DemoGen *gen,
                GRand   *rand,
                guint32  julian)
{
  if (julian >= gen->reference_julian)
    {
      guint r = pick (rand, 100);

      if (r < 4)
        return "needs_review";
      if (r < 6)
        return "draft";
    }

  return "published";
}

static gboolean
emit_named_event (DemoGen  *gen,
                  guint     e,
                  GError  **error)
{
  const NamedEvent *named = &named_events[e];
  EventPlan *plan = &gen->events[e];
  JsonObject *attributes, *relationships, *resource;
  char id[37];

  plan->julian = julian_of (named->year, named->month, named->day);
  plan->n_days = named->n_days;
  plan->zone = get_zone (gen, named->zone);
  plan->n_attendees = named->n_attendees;
  plan->n_meetings = named->n_meetings;
  plan->mode = named->mode;
  plan->matchmaking = g_str_equal (named->kind, "matchmaking");

  make_id (gen, id, "event", e);
  resource = resource_new ("event", id, &attributes, &relationships);

  set_string (attributes, "title", named->title);
  set_string (attributes, "kind", named->kind);
  take_string (attributes, "starts_at",
               format_local (plan->zone, plan->julian, named->start_hour, named->start_minute));
  take_string (attributes, "ends_at",
               format_local (plan->zone, plan->julian + named->n_days - 1,
                             named->end_hour, named->end_minute));
  set_string (attributes, "timezone", zone_name (gen, named->zone));
  set_string (attributes, "venue", named->venue);
  set_string (attributes, "city", named->city);
  set_string (attributes, "country", named->country);
  set_string (attributes, "organiser", named->organiser);
  set_string (attributes, "description", named->description);
  if (named->capacity > 0)
    json_object_set_int_member (attributes, "capacity", named->capacity);

  if (named->partnership >= 0 && (guint) named->partnership < gen->n_partnerships)
    {
      make_id (gen, id, "partnership", named->partnership);
      relate_one (relationships, "partnership", "partnership", id);
    }

  return emit (gen, resource, "published", NULL, error);
}

static gboolean
emit_event (DemoGen  *gen,
            GRand    *rand,
            guint     e,
            GError  **error)
{
  static const char * const kinds[] = { "matchmaking", "conference", "webinar", "mission", "other" };
  static const guint kind_weights[] = { 30, 30, 25, 8, 7 };
  static const char * const matchmaking_titles[] = {
    "{S} Cluster Matchmaking {P} {Y}",
    "{S} Clusters Matchmaking Event {Y}",
    "B2B Matchmaking: {S} Clusters in {P}",
  };
  static const char * const conference_titles[] = {
    "{S} Clusters Conference {Y}",
    "{P} {S} Forum {Y}",
    "European Cluster Days {Y}: {S}",
  };
  static const char * const other_titles[] = {
    "{S} Info Day {P} {Y}",
    "Study visit: {S} clusters in {P}",
    "{S} Cluster Awards {Y}",
  };
  static const char * const organisers[] = {
    "European Cluster Collaboration Platform (ECCP)",
    "DG GROW, European Commission",
    "Enterprise Europe Network",
    "European Innovation Council and SMEs Executive Agency (EISMEA)",
  };
  EventPlan *plan = &gen->events[e];
  const char *kind = kinds[pick_weighted (rand, kind_weights, sizeof (guint),
                                          G_N_ELEMENTS (kind_weights), 100)];
  const char *values[26] = { NULL };
  const char *zone_id;
  const char *country_code = NULL;
  const char *city = NULL;
  const char *country_name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *venue = NULL;
  g_autofree char *year = NULL;
  g_autofree char *slug = NULL;
  const char *sector;
  guint ecosystem = pick_ecosystem (gen, rand);
  int start_hour = 9, start_minute = 0, end_hour = 17, end_minute = 30;
  double partnership_chance = 0.1;
  guint capacity;
  JsonObject *attributes, *relationships, *resource;
  char id[37];

  plan->julian = pick_working_day (rand);
  plan->mode = ATTENDEES_CLUSTERS;
  plan->matchmaking = g_str_equal (kind, "matchmaking");
  sector = pick_sector_word (rand, ecosystem);
  year = g_strdup_printf ("%d", year_of (plan->julian));

  if (g_str_equal (kind, "webinar"))
    {
      zone_id = PORTAL_ZONE;
      plan->n_days = 1;
      start_hour = 10 + pick (rand, 5);
      end_hour = start_hour + 1;
      end_minute = pick (rand, 2) * 30;
    }
  else if (g_str_equal (kind, "mission"))
    {
      const Destination *destination = &destinations[pick (rand, G_N_ELEMENTS (destinations))];

      zone_id = destination->zone;
      country_code = destination->code;
      city = destination->city;
      country_name = destination->name;
      plan->n_days = 3 + pick (rand, 4);
      end_hour = 18;
      end_minute = 0;
      partnership_chance = 0.6;
    }
  else
    {
      const Country *country = &countries[pick_country (gen, rand)];

      zone_id = country->zone;
      country_code = country->code;
      city = PICK_STRING (rand, country->cities);
      country_name = country->name;
      if (plan->matchmaking)
        {
          plan->n_days = 1 + pick (rand, 3);
          partnership_chance = 0.2;
        }
      else if (g_str_equal (kind, "conference"))
        {
          plan->n_days = 1 + pick (rand, 2);
        }
      else
        {
          plan->n_days = 1;
          start_hour = 10;
          end_hour = 16;
          end_minute = 0;
        }
    }

  plan->zone = get_zone (gen, zone_id);

  values['S' - 'A'] = sector;
  values['P' - 'A'] = city;
  values['Y' - 'A'] = year;
  values['C' - 'A'] = country_name;
  if (g_str_equal (kind, "matchmaking"))
    title = expand (PICK_STRING (rand, matchmaking_titles), values);
  else if (g_str_equal (kind, "conference"))
    title = expand (PICK_STRING (rand, conference_titles), values);
  else if (g_str_equal (kind, "webinar"))
    title = g_strconcat ("ECCP Webinar: ", PICK_STRING (rand, webinar_topics), NULL);
  else if (g_str_equal (kind, "mission"))
    title = expand ("{S} cluster mission to {C} {Y}", values);
  else
    title = expand (PICK_STRING (rand, other_titles), values);

  if (g_str_equal (kind, "matchmaking") || g_str_equal (kind, "conference"))
    {
      double u = g_rand_double (rand);

      /* 20–130, about 40 on average */
      plan->n_attendees = 20 + (guint) (110 * u * u * u * u);
      if (plan->matchmaking)
        plan->n_meetings = (guint) (plan->n_attendees * (0.8 + 1.2 * g_rand_double (rand)));
      capacity = (plan->n_attendees / 10 + 1 + pick (rand, 6)) * 10;
      venue = expand (PICK_STRING (rand, venue_templates), values);
    }
  else if (g_str_equal (kind, "webinar"))
    capacity = 100 * (1 + pick (rand, 5));
  else if (g_str_equal (kind, "mission"))
    capacity = 10 + pick (rand, 21);
  else
    {
      capacity = 30 + 10 * pick (rand, 12);
      venue = expand (PICK_STRING (rand, venue_templates), values);
    }

  make_id (gen, id, "event", e);
  resource = resource_new ("event", id, &attributes, &relationships);

  set_string (attributes, "title", title);
  set_string (attributes, "kind", kind);
  take_string (attributes, "starts_at",
               format_local (plan->zone, plan->julian, start_hour, start_minute));
  take_string (attributes, "ends_at",
               format_local (plan->zone, plan->julian + plan->n_days - 1, end_hour, end_minute));
  set_string (attributes, "timezone", zone_name (gen, zone_id));
  set_string (attributes, "venue", venue);
  set_string (attributes, "city", city);
  set_string (attributes, "country", country_code);
  if (chance (rand, 0.4))
    set_string (attributes, "organiser", gen->cluster_name[pick (rand, gen->n_clusters)]);
  else
    set_string (attributes, "organiser", PICK_STRING (rand, organisers));
  take_string (attributes, "description",
               g_strdup_printf ("%s: %s clusters and their SME members meet to %s.\n\n"
                                "Registration is free of charge; places are limited to %u.",
                                title, sector, PICK_STRING (rand, cluster_activities), capacity));
  slug = make_slug (title, '-', 60);
  take_string (attributes, "registration_url",
               g_strdup_printf ("https://events.example.eu/%s", slug));
  json_object_set_int_member (attributes, "capacity", capacity);

  if (chance (rand, partnership_chance))
    {
      make_id (gen, id, "partnership", pick (rand, gen->n_partnerships));
      relate_one (relationships, "partnership", "partnership", id);
    }

  return emit (gen, resource, upcoming_state (gen, rand, plan->julian), NULL, error);
}

static gboolean
emit_events (DemoGen  *gen,
             GError  **error)
{
  g_autoptr(GRand) rand = phase_rand (PHASE_EVENTS);

  for (guint e = 0; e < gen->n_events; e++)
    {
      gboolean ok;

      if (e < N_NAMED_EVENTS)
        ok = emit_named_event (gen, e, error);
      else
        ok = emit_event (gen, rand, e, error);

      if (!ok)
        return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------------------------
 * Calls
 * ------------------------------------------------------------------------ */

static const char *
pick_programme (GRand *rand,
                int    year)
{
  static const char * const before_2021[] = {
    "COSME", "Horizon 2020", "Interreg Europe", "EIT", "ERDF", "INNOSUP",
  };
  static const char * const from_2021[] = {
    "Single Market Programme", "Horizon Europe", "Interreg Europe", "EIT", "Digital Europe",
    "Euroclusters",
  };

  if (year < 2021)
    return PICK_STRING (rand, before_2021);

  return PICK_STRING (rand, from_2021);
}

static gboolean
emit_calls (DemoGen  *gen,
            GError  **error)
{
  static const char * const titles[] = {
    "{G}: {S} innovation vouchers for SMEs {Y}",
    "Open call for {S} cluster partnerships {Y}",
    "Cascade funding call: {S} pilots across borders",
    "Call for experts: {S} value chains {Y}",
    "{G} call for {S} demonstration projects",
  };
  g_autoptr(GRand) rand = phase_rand (PHASE_CALLS);
  GTimeZone *portal_zone = get_zone (gen, PORTAL_ZONE);

  for (guint c = 0; c < gen->n_calls; c++)
    {
      JsonObject *attributes, *relationships, *resource;
      JsonArray *deadlines = json_array_new ();
      JsonArray *list;
      g_autofree char *title = NULL;
      g_autofree char *slug = NULL;
      const char *programme;
      const char *description = NULL;
      guint ecosystem = N_ECOSYSTEMS;
      guint32 opens = 0;
      int year;
      char id[37];

      make_id (gen, id, "call", c);
      resource = resource_new ("call", id, &attributes, &relationships);

      if (c < N_NAMED_CALLS)
        {
          const NamedCall *named = &named_calls[c];

          title = g_strdup (named->title);
          programme = named->programme;
          description = named->description;
          ecosystem = named->ecosystem;
          year = named->year;
          add_string_take (deadlines,
                           format_local (get_zone (gen, named->zone),
                                         julian_of (named->year, named->month, named->day),
                                         named->hour, named->minute));
        }
      else
        {
          const char *values[26] = { NULL };
          g_autofree char *year_text = NULL;
          guint n_deadlines = chance (rand, 0.2) ? 2 + pick (rand, 3) : 1;
          guint32 deadline;

          opens = pick_working_day (rand);
          year = year_of (opens);
          year_text = g_strdup_printf ("%d", year);
          programme = pick_programme (rand, year);
          ecosystem = pick_ecosystem (gen, rand);
          values['G' - 'A'] = programme;
          values['S' - 'A'] = pick_sector_word (rand, ecosystem);
          values['Y' - 'A'] = year_text;
          title = expand (PICK_STRING (rand, titles), values);

          /* several cut-off dates for some calls */
          deadline = opens + 30 + pick (rand, 90);
          for (guint i = 0; i < n_deadlines; i++)
            {
              add_string_take (deadlines, format_local (portal_zone, deadline, 17, 0));
              deadline += 45 + pick (rand, 60);
            }
        }

      slug = make_slug (title, '-', 60);

      set_string (attributes, "title", title);
      set_string (attributes, "programme", programme);
      take_string (attributes, "url",
                   g_strdup_printf ("https://calls.example.eu/%d/%s", year, slug));
      if (description != NULL)
        set_string (attributes, "description", description);
      else
        take_string (attributes, "description",
                     g_strdup_printf ("%s. Applicants are clusters and consortia of SMEs that "
                                      "want to %s.\n\nRead the guide for applicants before "
                                      "you submit.", title,
                                      PICK_STRING (rand, cluster_activities)));
      if (opens != 0)
        take_string (attributes, "opens_at", format_local (portal_zone, opens, 9, 0));
      json_object_set_array_member (attributes, "deadlines", deadlines);
      if (c >= N_NAMED_CALLS)
        json_object_set_int_member (attributes, "budget_eur",
                                    (gint64) (5 + pick (rand, 2000)) * 10000);

      if (c >= N_NAMED_CALLS && chance (rand, 0.4))
        {
          guint n = 3 + pick (rand, 6);
          guint first = pick (rand, N_COUNTRIES);

          list = json_array_new ();
          for (guint i = 0; i < n; i++)
            json_array_add_string_element (list, countries[(first + i) % N_COUNTRIES].code);
          json_object_set_array_member (attributes, "eligible_countries", list);
        }

      list = json_array_new ();
      if (ecosystem < N_ECOSYSTEMS)
        json_array_add_string_element (list, ecosystem_name (ecosystem));
      json_object_set_array_member (attributes, "ecosystems", list);

      if (!emit (gen, resource,
                 opens != 0 ? upcoming_state (gen, rand, opens) : "published", NULL, error))
        return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------------------------
 * Attendees, meetings, check-ins
 * ------------------------------------------------------------------------ */

static gboolean
emit_attendee (DemoGen     *gen,
               guint        event,
               guint        index,
               const char  *name,
               const char  *organisation,
               const char  *country,
               const char  *role,
               gint         cluster,
               GError     **error)
{
  JsonObject *attributes, *relationships, *resource;
  g_autofree char *local = make_slug (name, '.', 40);
  g_autofree char *domain = make_slug (organisation, '-', 40);
  char id[37];

  make_sub_id (gen, id, "attendee", event, index);
  resource = resource_new ("attendee", id, &attributes, &relationships);

  set_string (attributes, "name", name);
  set_string (attributes, "organisation", organisation);
  take_string (attributes, "email", g_strdup_printf ("%s@%s.example.eu", local, domain));
  set_string (attributes, "country", country);
  set_string (attributes, "role", role);

  make_id (gen, id, "event", event);
  relate_one (relationships, "event", "event", id);
  if (cluster >= 0)
    {
      make_id (gen, id, "cluster", cluster);
      relate_one (relationships, "cluster", "cluster", id);
    }

  return emit (gen, resource, NULL, NULL, error);
}

/* The 22 countries of the 2018 matchmaking: the ones with most clusters,
 * Spain (GAIA) first. */
static void
choose_eccp_countries (DemoGen *gen,
                       guint    chosen[22])
{
  gboolean taken[N_COUNTRIES] = { FALSE };
  guint es = country_index ("ES");

  chosen[0] = es;
  taken[es] = TRUE;

  for (guint n = 1; n < 22; n++)
    {
      guint best = N_COUNTRIES;

      for (guint c = 0; c < N_COUNTRIES; c++)
        {
          guint size = gen->country_start[c + 1] - gen->country_start[c];

          if (taken[c])
            continue;
          if (best == N_COUNTRIES ||
              size > gen->country_start[best + 1] - gen->country_start[best])
            best = c;
        }

      chosen[n] = best;
      taken[best] = TRUE;
    }
}

static gint
pick_unused_cluster_of (DemoGen    *gen,
                        GRand      *rand,
                        guint       country,
                        GHashTable *used)
{
  guint first = gen->country_start[country];
  guint n = gen->country_start[country + 1] - first;
  guint offset;

  if (n == 0)
    return -1;

  offset = pick (rand, n);
  for (guint i = 0; i < n; i++)
    {
      guint cluster = gen->country_clusters[first + (offset + i) % n];

      if (!g_hash_table_contains (used, GUINT_TO_POINTER (cluster + 1)))
        return cluster;
    }

  return -1;
}

static gboolean
emit_event_attendees (DemoGen  *gen,
                      GRand    *rand,
                      guint     e,
                      GError  **error)
{
  static const char * const roles[] = { "participant", "speaker", "staff" };
  static const guint role_weights[] = { 88, 7, 5 };
  const EventPlan *plan = &gen->events[e];
  g_autoptr(GHashTable) used = g_hash_table_new (NULL, NULL);
  guint eccp_countries[22];

  if (plan->mode == ATTENDEES_ECCP_2018)
    choose_eccp_countries (gen, eccp_countries);

  for (guint k = 0; k < plan->n_attendees; k++)
    {
      g_autofree char *name = NULL;
      g_autofree char *organisation = NULL;
      const char *role = roles[pick_weighted (rand, role_weights, sizeof (guint),
                                              G_N_ELEMENTS (role_weights), 100)];
      guint country;
      gint cluster = -1;

      if (k == 0 && plan->mode == ATTENDEES_ECCP_2018)
        {
          g_hash_table_add (used, GUINT_TO_POINTER (CLUSTER_GAIA + 1));
          if (!emit_attendee (gen, e, k, "Jon Mitxelena", named_clusters[CLUSTER_GAIA].name,
                              "ES", "participant", CLUSTER_GAIA, error))
            return FALSE;
          continue;
        }
      if (k == 0 && plan->mode == ATTENDEES_INDUSTRY_DAY)
        {
          g_hash_table_add (used, GUINT_TO_POINTER (CLUSTER_AVAESSEN + 1));
          if (!emit_attendee (gen, e, k, "Bianca Dragomir", named_clusters[CLUSTER_AVAESSEN].name,
                              "ES", "speaker", CLUSTER_AVAESSEN, error))
            return FALSE;
          continue;
        }

      switch (plan->mode)
        {
        case ATTENDEES_ECCP_2018:
          /* every one of the 22 countries, each person from another cluster */
          country = eccp_countries[k % 22];
          cluster = pick_unused_cluster_of (gen, rand, country, used);
          role = "participant";
          break;

        case ATTENDEES_MINISTRIES:
          country = k % N_EU_POLICY_FORUM;
          organisation = g_strdup_printf ("Ministry of Economy (%s)", countries[country].name);
          break;

        case ATTENDEES_CLUSTERS:
        case ATTENDEES_INDUSTRY_DAY:
        default:
          country = pick_country (gen, rand);
          if (chance (rand, 0.85))
            {
              for (guint attempt = 0; attempt < 5 && cluster < 0; attempt++)
                {
                  guint c = pick (rand, gen->n_clusters);

                  if (!g_hash_table_contains (used, GUINT_TO_POINTER (c + 1)))
                    cluster = c;
                }
            }
          break;
        }

      if (cluster >= 0)
        {
          country = gen->cluster_country[cluster];
          g_hash_table_add (used, GUINT_TO_POINTER (cluster + 1));
          organisation = g_strdup (gen->cluster_name[cluster]);
        }
      else if (organisation == NULL)
        {
          organisation = g_strdup_printf ("%s %s",
                                          PICK_STRING (rand, organisations_without_cluster),
                                          PICK_STRING (rand, countries[country].cities));
        }

      name = make_person (rand, countries[country].lang);
      if (!emit_attendee (gen, e, k, name, organisation, countries[country].code, role,
                          cluster, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
emit_attendees (DemoGen  *gen,
                GError  **error)
{
  g_autoptr(GRand) rand = phase_rand (PHASE_ATTENDEES);

  for (guint e = 0; e < gen->n_events; e++)
    {
      if (!emit_event_attendees (gen, rand, e, error))
        return FALSE;
    }

  return TRUE;
}

static void
slot_time (guint  slot,
           guint *day,
           int   *hour,
           int   *minute)
{
  guint i = slot % SLOTS_PER_DAY;
  guint minutes = (i < SLOTS_PER_DAY / 2 ? 9 * 60 + i * SLOT_MINUTES
                                         : 14 * 60 + (i - SLOTS_PER_DAY / 2) * SLOT_MINUTES);

  *day = slot / SLOTS_PER_DAY;
  *hour = minutes / 60;
  *minute = minutes % 60;
}

static const char *
meeting_status (DemoGen         *gen,
                GRand           *rand,
                const EventPlan *plan)
{
  guint r = pick (rand, 100);

  if (plan->julian < gen->reference_julian)
    return r < 82 ? "accepted" : r < 90 ? "declined" : r < 96 ? "cancelled" : "requested";

  return r < 55 ? "accepted" : r < 95 ? "requested" : "declined";
}

/* Bilateral meetings of a matchmaking event: no attendee and no table in
 * two meetings of the same slot, whatever their status. */
static gboolean
emit_event_meetings (DemoGen  *gen,
                     GRand    *rand,
                     guint     e,
                     GError  **error)
{
  const EventPlan *plan = &gen->events[e];
  guint n_attendees = plan->n_attendees;
  guint n_slots = plan->n_days * SLOTS_PER_DAY;
  guint n_tables = MAX (5, n_attendees / 3 + 2);
  g_autofree guint8 *busy = NULL;
  g_autofree guint *tables = NULL;
  g_autoptr(GHashTable) pairs = NULL;
  char event_id[37];
  guint made = 0;

  if (!plan->matchmaking || n_attendees < 2 || plan->n_meetings == 0)
    return TRUE;

  busy = g_new0 (guint8, (gsize) n_attendees * n_slots);
  tables = g_new0 (guint, n_slots);
  pairs = g_hash_table_new (NULL, NULL);
  make_id (gen, event_id, "event", e);

  for (guint attempt = 0; made < plan->n_meetings && attempt < plan->n_meetings * 50; attempt++)
    {
      guint a = pick (rand, n_attendees);
      guint b = pick (rand, n_attendees);
      guint first_slot, slot = G_MAXUINT;
      gpointer pair;

      if (a == b)
        continue;
      pair = GUINT_TO_POINTER (MIN (a, b) * 65536 + MAX (a, b) + 1);
      if (g_hash_table_contains (pairs, pair))
        continue;

      first_slot = pick (rand, n_slots);
      for (guint i = 0; i < n_slots; i++)
        {
          guint s = (first_slot + i) % n_slots;

          if (!busy[a * n_slots + s] && !busy[b * n_slots + s] && tables[s] < n_tables)
            {
              slot = s;
              break;
            }
        }
      if (slot == G_MAXUINT)
        continue;

      busy[a * n_slots + slot] = busy[b * n_slots + slot] = 1;
      tables[slot]++;
      g_hash_table_add (pairs, pair);

      {
        JsonObject *attributes, *relationships, *resource;
        g_autoptr(GDateTime) starts = NULL;
        g_autoptr(GDateTime) ends = NULL;
        guint day;
        int hour, minute;
        char id[37];

        slot_time (slot, &day, &hour, &minute);

        make_sub_id (gen, id, "meeting", e, made);
        resource = resource_new ("meeting", id, &attributes, &relationships);
        starts = local_time (plan->zone, plan->julian + day, hour, minute);
        ends = g_date_time_add_minutes (starts, SLOT_MINUTES);
        take_string (attributes, "starts_at", format_time (starts));
        take_string (attributes, "ends_at", format_time (ends));
        take_string (attributes, "table", g_strdup_printf ("Table %u", tables[slot]));
        set_string (attributes, "status", meeting_status (gen, rand, plan));

        relate_one (relationships, "event", "event", event_id);
        make_sub_id (gen, id, "attendee", e, a);
        relate_one (relationships, "requester", "attendee", id);
        make_sub_id (gen, id, "attendee", e, b);
        relate_one (relationships, "invitee", "attendee", id);

        if (!emit (gen, resource, NULL, NULL, error))
          return FALSE;
      }

      made++;
    }

  if (made < plan->n_meetings && e < N_NAMED_EVENTS)
    g_warning ("Only %u of %u meetings fit event %u", made, plan->n_meetings, e);

  return TRUE;
}

static gboolean
emit_meetings (DemoGen  *gen,
               GError  **error)
{
  g_autoptr(GRand) rand = phase_rand (PHASE_MEETINGS);

  for (guint e = 0; e < gen->n_events; e++)
    {
      if (!emit_event_meetings (gen, rand, e, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
emit_checkin (DemoGen     *gen,
              guint        event,
              guint        index,
              guint        attendee,
              GDateTime   *at,
              const char  *device,
              gboolean     undo,
              GError     **error)
{
  JsonObject *attributes, *relationships, *resource;
  char id[37];

  make_sub_id (gen, id, "checkin", event, index);
  resource = resource_new ("checkin", id, &attributes, &relationships);
  take_string (attributes, "at", format_time (at));
  set_string (attributes, "device", device);
  json_object_set_boolean_member (attributes, "undo", undo);

  make_id (gen, id, "event", event);
  relate_one (relationships, "event", "event", id);
  make_sub_id (gen, id, "attendee", event, attendee);
  relate_one (relationships, "attendee", "attendee", id);

  return emit (gen, resource, NULL, NULL, error);
}

/* A few people checked in at the door of each event that has happened; now
 * and then a desk undid a check-in of the wrong person. */
static gboolean
emit_checkins (DemoGen  *gen,
               GError  **error)
{
  g_autoptr(GRand) rand = phase_rand (PHASE_CHECKINS);

  for (guint e = 0; e < gen->n_events; e++)
    {
      const EventPlan *plan = &gen->events[e];
      g_autoptr(GDateTime) opening = NULL;
      guint picked[8];
      guint n_wanted, n = 0, index = 0;

      if (plan->n_attendees == 0 || plan->julian >= gen->reference_julian)
        continue;

      n_wanted = MIN (plan->n_attendees, 3 + pick (rand, 6));
      while (n < n_wanted)
        {
          guint a = pick (rand, plan->n_attendees);

          if (!contains (picked, n, a))
            picked[n++] = a;
        }

      opening = local_time (plan->zone, plan->julian, 8, 15);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GDateTime) at = g_date_time_add_seconds (opening, i * 150 + pick (rand, 120));
          const char *device = PICK_STRING (rand, checkin_devices);

          if (!emit_checkin (gen, e, index++, picked[i], at, device, FALSE, error))
            return FALSE;

          if (chance (rand, 0.1))
            {
              g_autoptr(GDateTime) undo_at = g_date_time_add_seconds (at, 40 + pick (rand, 60));

              if (!emit_checkin (gen, e, index++, picked[i], undo_at, device, TRUE, error))
                return FALSE;
            }
        }
    }

  return TRUE;
}

/* ------------------------------------------------------------------------
 * Entry points
 * ------------------------------------------------------------------------ */

static void
demo_gen_clear (DemoGen *gen)
{
  g_clear_pointer (&gen->cluster_country, g_free);
  g_clear_pointer (&gen->cluster_ecosystem, g_free);
  g_clear_pointer (&gen->cluster_city, g_free);
  g_clear_pointer (&gen->cluster_name, g_free);
  g_clear_pointer (&gen->strings, g_string_chunk_free);
  g_clear_pointer (&gen->country_start, g_free);
  g_clear_pointer (&gen->country_clusters, g_free);
  g_clear_pointer (&gen->ecosystem_start, g_free);
  g_clear_pointer (&gen->ecosystem_clusters, g_free);
  g_clear_pointer (&gen->partnership_start, g_free);
  g_clear_pointer (&gen->partnership_clusters, g_free);
  g_clear_pointer (&gen->partnership_ecosystem, g_free);
  g_clear_pointer (&gen->cluster_partnership_start, g_free);
  g_clear_pointer (&gen->cluster_partnerships, g_free);
  g_clear_pointer (&gen->events, g_free);
  g_clear_pointer (&gen->zones, g_hash_table_unref);
  g_clear_pointer (&gen->page, json_array_unref);
  g_clear_pointer (&gen->checksum, g_checksum_free);
}

static guint
scaled (guint  n_clusters,
        guint  per_1400,
        guint  minimum)
{
  guint64 n = ((guint64) n_clusters * per_1400 + ECCP_DEMO_DEFAULT_CLUSTERS / 2) /
              ECCP_DEMO_DEFAULT_CLUSTERS;

  return (guint) CLAMP (n, minimum, G_MAXUINT32 / 2);
}

gboolean
eccp_demo_generate (guint              n_clusters,
                    EccpDemoPageFunc   page_func,
                    gpointer           user_data,
                    GError           **error)
{
  DemoGen gen = { 0 };
  g_autoptr(GTimeZone) kyiv = NULL;
  g_autoptr(GDateTime) first_change = NULL;
  gboolean ok;

  g_return_val_if_fail (page_func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  gen.n_clusters = MAX (n_clusters, N_NAMED_CLUSTERS);
  gen.n_partnerships = scaled (gen.n_clusters, 60, N_NAMED_PARTNERSHIPS);
  gen.n_events = scaled (gen.n_clusters, 150, N_NAMED_EVENTS);
  gen.n_calls = scaled (gen.n_clusters, 200, N_NAMED_CALLS);
  gen.page_func = page_func;
  gen.user_data = user_data;
  gen.page = json_array_sized_new (DEMO_PAGE_SIZE);
  gen.checksum = g_checksum_new (G_CHECKSUM_SHA1);
  gen.zones = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                     (GDestroyNotify) g_time_zone_unref);
  gen.events = g_new0 (EventPlan, gen.n_events);
  gen.reference_julian = julian_of (REFERENCE_YEAR, 1, 1);

  /* Debian 12's tzdata knows Europe/Kyiv; older ones only Europe/Kiev. */
  kyiv = g_time_zone_new_identifier ("Europe/Kyiv");
  gen.kyiv_zone = kyiv != NULL ? "Europe/Kyiv" : "Europe/Kiev";

  for (guint i = 0; i < N_COUNTRIES; i++)
    gen.country_weight_total += countries[i].weight;
  for (guint i = 0; i < N_ECOSYSTEMS; i++)
    gen.ecosystem_weight_total += ecosystem_weights[i];

  /* meta.changed runs from March 2018 to the end of 2025 over the feed */
  gen.portal_zone = get_zone (&gen, PORTAL_ZONE);
  first_change = g_date_time_new_utc (2018, 3, 1, 8, 0, 0);
  gen.changed_base = g_date_time_to_unix (first_change);
  gen.changed_step = MAX (1, (gint64) (7.75 * 365 * 86400) /
                             ((gint64) gen.n_clusters * 33 / 5 + 1000));

  plan_clusters (&gen);
  plan_partnerships (&gen);

  ok = emit_clusters (&gen, error) &&
       emit_partnerships (&gen, error) &&
       emit_events (&gen, error) &&
       emit_calls (&gen, error) &&
       emit_attendees (&gen, error) &&
       emit_meetings (&gen, error) &&
       emit_checkins (&gen, error) &&
       flush_page (&gen, error);

  demo_gen_clear (&gen);

  return ok;
}

typedef struct
{
  EccpStore       *store;
  EccpImportStats *stats;
} LoadData;

static gboolean
load_page (JsonNode  *document,
           gpointer   user_data,
           GError   **error)
{
  LoadData *data = user_data;
  EccpImportStats page = { 0 };

  if (!eccp_store_import_document (data->store, document, &page, error))
    return FALSE;

  data->stats->created += page.created;
  data->stats->updated += page.updated;
  data->stats->deleted += page.deleted;
  data->stats->kept_local += page.kept_local;

  return TRUE;
}

gboolean
eccp_demo_load (EccpStore        *store,
                guint             n_clusters,
                EccpImportStats  *stats,
                GError          **error)
{
  EccpImportStats ignored = { 0 };
  LoadData data = { store, stats != NULL ? stats : &ignored };

  g_return_val_if_fail (ECCP_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (stats != NULL)
    memset (stats, 0, sizeof *stats);

  return eccp_demo_generate (n_clusters, load_page, &data, error);
}
