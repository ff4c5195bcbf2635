// Regenerates naughty-words.tsv and cuss.tsv from the npm packages (run from an empty temp dir):
//   npm pack naughty-words@1.2.0 cuss@2.2.0 && mkdir nw cuss && tar xzf naughty-words-1.2.0.tgz -C nw && tar xzf cuss-2.2.0.tgz -C cuss
//   node /path/to/convert-npm-lexicons.mjs nw/package cuss/package /path/to/src/main/resources/lexicon
// Output lines: label<TAB>severity<TAB>rate<TAB>term. The labelling and severity choices below are
// Vetter's own heuristics (see README.md in this folder); the term text is copied verbatim.
import fs from 'fs';
import path from 'path';

const [nwDir, cussDir, outDir] = process.argv.slice(2);
const { cuss } = await import(path.resolve(cussDir, 'index.js'));

// Sexual vocabulary -> porn; everything else (profanity, slurs, insults) -> abuse.
const PORN_STEMS = [
  'sex', 'porn', 'cum', 'jizz', 'jism', 'jizm', 'anal', 'anus', 'boob', 'tit', 'nipple', 'penis', 'peni5', 'vagina',
  'vulva', 'clit', 'dildo', 'vibrat', 'orgasm', 'orgy', 'orgies', 'masturbat', 'jerk off', 'jack off', 'wank', 'blowjob',
  'blow job', 'handjob', 'hand job', 'footjob', 'rimjob', 'bdsm', 'bondage', 'fetish', 'nude', 'nudity', 'naked', 'milf',
  'hentai', 'erotic', 'erotism', 'xxx', 'horny', 'semen', 'sperm', 'ejaculat', 'camel toe', 'cameltoe', 'genital',
  'testicle', 'scrot', 'bukkake', 'gang bang', 'gangbang', 'threesome', 'foursome', 'deep throat', 'deepthroat', 'fellat',
  'felatio', 'cunnil', 'cunil', 'anilingus', 'incest', 'bestial', 'beastial', 'beastality', 'zoophil', 'strap on',
  'strapon', 'spank', 'hooker', 'prostitut', 'brothel', 'playboy', 'playgirl', 'nsfw', 'cock', 'pussy', 'pu55y', 'boner',
  'erection', 'creampie', 'squirt', 'dominatrix', 'femdom', 'shemale', 'futanari', 'ecchi', 'yaoi', 'camgirl', 'camslut',
  'camwhore', 'butthole', 'buttplug', 'busty', 'topless', 'lapdance', 'peepshow', 'phonesex', 'cybersex', 'pedophil',
  'paedophil', 'pedo', 'lolita', 'jailbait', 'jail bait', 'pthc', 'coitus', 'copulat', 'fornicat', 'intercourse',
  'hump', 'fingering', 'fingerbang', 'penetration', 'dong', 'knockers', 'juggs', 'areola', 'pubes', 'pubic', 'foreskin',
  'hymen', 'lesbo', 'lezbo', 'queef', 'quim', 'smut', 'voyeur', 'swinger', 'shibari', 'kinbaku', 'bareback', 'golden shower',
  'pegging', 'scissoring', 'tribadism', 'urophilia', 'coprophilia', 'snowballing', 'tea bagging', 'creampie', 'sexo',
  // a few non-English stems (naughty-words' other languages)
  'porno', 'fick', 'mastur', 'vagin', 'pene', 'pène', 'sperma', 'orgas', 'seks', 'sesso', 'tette', 'teta', 'chatte', 'bite',
  // Chinese / Japanese
  '做爱', '性交', '乳', '屄', '淫', '奸', '裸', '鸡巴', '雞巴', '阴茎', '阴道', '阴部', '陰', '口交', '肛交', '肏', '三级片',
  '色情', '嫖', '妓', '援交', '自慰', '手淫', '高潮', '精液', '射精', '性', 'セックス', 'エロ', 'アナル', 'フェラ', 'オナ',
  'ポルノ', 'ヌード', 'ちんぽ', 'ちんこ', 'まんこ', 'おっぱい', '中出し', '顔射', '手コキ', 'パイズリ', 'レイプ', '強姦',
];
// Seed-list entries that are too context dependent for a built-in list (dropped).
const EXCLUDE = new Set([
  'xx', 'sucks', 'tied up', 'taste my', 'tongue in a', 'girl on', 'big black', 'hot chick', 'huge fat', 'tight white',
  'tainted love', 'santorum', 'mong', 'how to kill', 'how to murder', 'domination', 'sm', '3p', 'spit', 'slave', 'tang',
  'chug', 'chugs', 'bong', 'whiz', 'nip', 'jig', 'jigs', 'pud', 'pudd', 'evl', 'floo', 'hori', 'horis', 'gora', 'goras',
  'hapa', 'haole', 'kwa', 'wab', 'wn', 'uck', 'rere', 'dink', 'dinks', 'dix', 'ero', 'geni', 'forni', 'orga', 'panti',
  'mams', 'sadis', 'sadom', 'teste', 'vibr', 'bung', 'bunga', 'bule', 'bules', 'payo', 'taff', 'munt', 'lugan', 'pocha',
  'pocho', 'piky', 'piker', 'shav', 'sandm', 'groe', 'gub', 'gubs', 'ike', 'ikes', 'gable', 'whit', 'stagg', 'pendy',
  'turd', 'tramp', 'trap', 'trots', 'smack', 'scag', 'nook', 'peck', 'pixie', 'pixy', 'radical', 'radicals', 'racist',
  'protestant', 'italiano', 'yankee', 'yankees', 'god', 'jesus', 'jesuschrist', 'demon', 'devil', 'satan', 'gross',
  'drunk', 'drunken', 'drug', 'liquor', 'abuse', 'addict', 'addicts', 'abortion', 'homicide', 'murder', 'murderer',
  'suicide', 'torture', 'slaughter', 'pistol', 'nuke', 'tnt', 'terrorist', 'hamas', 'jihad', 'mafia', 'hitler', 'nazi',
  'hiv', 'herpes', 'syphilis', 'condom', 'uterus', 'septic', 'septics', 'fingerfood', 'footaction', 'athletesfoot',
  'bounty bar', 'bounty bars', 'bountybar', 'crack', 'cracker', 'screw', 'swallow', 'stroking', 'tinkle', 'willy',
  'randy', 'paddy', 'mick', 'spade', 'spades', 'blacks', 'whites', 'blackman', 'nigerian', 'nigerians', 'interracial',
  'illegals', 'homosexual', 'queer', 'flamer', 'fruitcake', 'babe', 'ribbed', 'tantra', 'oral', 'lactate', 'pee',
  'cummings', 'gonzagas', 'guinea', 'guineas', 'sodom', 'kotex', 'ky', 'nymph', 'whites', 'scat', 'suck', 'snatch',
  'rectum', 'dope', 'spit', 'grope', 'eunuch', 'fecal', 'sadism', 'strip club', 'tushy', 'hobo', 'yank', 'yanks',
  'gypsy', 'pom', 'poms', 'chav', 'bogan', 'limey', 'vomit', 'barf', 'puke', 'poo', 'poop', 'geez', 'jeez', 'jebus',
]);
// Insults and mild words that a human should look at rather than block outright.
const REVIEW = new Set([
  'dumb', 'idiot', 'loser', 'moron', 'crap', 'wtf', 'sissy', 'pansy', 'wuss', 'fubar', 'fugly', 'hoser', 'booty',
  'cocky', 'farty', 'fatso', 'perv', 'pimp', 'pommy', 'booby', 'boody', 'sexy', 'sexual', 'sexually', 'sexuality', 'nude',
  'nudity', 'naked', 'topless', 'erotic', 'kinky', 'lolita', 'playboy', 'voyeur', 'swinger', 'busty', 'spastic', 'skank',
  'damn', 'god damn', 'goddamn', 'bastard', 'bastards', 'hardcore', 'hard core', 'undressing', 'spread legs', 'lovemaking',
  'intercourse', 'orgasm', 'vibrator', 'bondage', 'fetish', 'nsfw', 'sultry women', 'white power', 'neonazi', 'swastika',
]);

const isCjk = (s) => /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u.test(s);
const label = (t) => (PORN_STEMS.some((s) => t.includes(s)) ? 'porn' : 'abuse');
const rows = (list) => list.map(([l, sev, rate, t]) => `${l}\t${sev}\t${rate}\t${t}`).join('\n') + '\n';

// --- naughty-words: every language file
const nwRows = [];
const langs = fs.readdirSync(nwDir).filter((f) => f.endsWith('.json') && !f.startsWith('package') && f !== 'bower.json').sort();
for (const f of langs) {
  const lang = f.replace('.json', '');
  for (const raw of JSON.parse(fs.readFileSync(path.join(nwDir, f), 'utf8'))) {
    const t = raw.trim().toLowerCase();
    if (!t || EXCLUDE.has(t) || !/\p{L}/u.test(t)) continue; // no letters: "13.", emoji
    const cjk = isCjk(t);
    if (cjk && [...t.replace(/\s/g, '')].length < 2) continue; // one CJK char as a substring is far too ambiguous
    let sev = 'BLOCK', rate = 90;
    const rating = lang === 'en' ? cuss[t] : undefined;
    if (rating === 0) continue; // cuss itself rates it "maybe"
    if (rating === 1 || REVIEW.has(t)) { sev = 'REVIEW'; rate = 70; }
    else if (cjk ? [...t].length < 3 : (t.length < 5 && !t.includes(' '))) { sev = 'REVIEW'; rate = 75; }
    nwRows.push([label(t), sev, rate, t, lang]);
  }
}
let out = '# Generated by convert-npm-lexicons.mjs from npm naughty-words@1.2.0 (LDNOOBW list, Shutterstock),\n'
  + '# licensed CC-BY-4.0 (see licenses/naughty-words-LICENSE.txt). Labels and severities are Vetter heuristics.\n'
  + '# label\tseverity\trate\tterm\n';
let last = '';
for (const r of nwRows) {
  if (r[4] !== last) { out += `# lang: ${r[4]}\n`; last = r[4]; }
  out += rows([r]);
}
fs.writeFileSync(path.join(outDir, 'naughty-words.tsv'), out);

// --- cuss (English, rated 0..2): 0 dropped; 1 kept as REVIEW only when sexual or also in naughty-words/en
const nwEn = new Set(JSON.parse(fs.readFileSync(path.join(nwDir, 'en.json'), 'utf8')).map((s) => s.toLowerCase()));
const cussRows = [];
for (const [t0, rating] of Object.entries(cuss).sort(([a], [b]) => a.localeCompare(b))) {
  const t = t0.trim().toLowerCase();
  if (rating === 0 || EXCLUDE.has(t) || !/\p{L}/u.test(t)) continue;
  const l = label(t);
  if (rating === 1) {
    if (l !== 'porn' && !nwEn.has(t)) continue; // rating-1 non-sexual words are mostly context dependent
    cussRows.push([l, 'REVIEW', 65, t]);
  } else if (REVIEW.has(t) || t.length <= 3) {
    cussRows.push([l, 'REVIEW', 75, t]);
  } else {
    cussRows.push([l, 'BLOCK', 95, t]);
  }
}
fs.writeFileSync(path.join(outDir, 'cuss.tsv'),
  '# Generated by convert-npm-lexicons.mjs from npm cuss@2.2.0 (MIT, (c) Titus Wormer; see licenses/cuss-LICENSE.txt).\n'
  + '# Rating 2 -> BLOCK (short or mild words REVIEW), rating 1 -> REVIEW only if sexual or also in naughty-words, rating 0 dropped.\n'
  + '# label\tseverity\trate\tterm\n' + rows(cussRows));
console.log(`naughty-words: ${nwRows.length} rows, cuss: ${cussRows.length} rows`);
