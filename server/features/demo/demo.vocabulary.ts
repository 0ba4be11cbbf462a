// The fixed vocabulary of the demo data set: regions and their weights, advertiser timezones and
// currencies, words for names and titles. It is passed to the SQL as array parameters, so both
// engines read the same lists (a user's region is computed in PostgreSQL AND in ClickHouse).

/** Region codes with their share of users, in thousandths (sums to 1000). */
export const REGION_WEIGHTS: readonly (readonly [string, number])[] = [
  ['US', 180], ['IN', 160], ['BR', 120], ['ID', 100], ['MX', 70], ['PH', 60], ['GB', 50],
  ['JP', 50], ['DE', 40], ['NG', 40], ['FR', 30], ['TR', 30], ['VN', 30], ['NP', 20], ['EG', 20],
];

export const REGIONS = REGION_WEIGHTS.map(([r]) => r);
/** Lower bound of each region's bucket in 0..999: `width_bucket` / `arrayCount(x -> x <= k)`. */
export const REGION_STARTS = REGION_WEIGHTS.reduce<number[]>((acc, _, i) => [...acc, i === 0 ? 0 : acc[i - 1]! + REGION_WEIGHTS[i - 1]![1]], []);

/**
 * Advertiser a lives in ADVERTISER_ZONES[(a - 1) % 10]: ids 1..10 cover every zone, and Kolkata
 * (+05:30) and Kathmandu (+05:45) are among the first six, so even the small set has both.
 * fxPer100Usd: units of the currency per 100 USD (integer, so both engines compute the same
 * micros); minorPer100Usd: minor units (cents, paise; yen have none) per 100 USD.
 */
export const ADVERTISER_ZONES: readonly { timezone: string; currency: string; fxPer100Usd: number; minorPer100Usd: number }[] = [
  { timezone: 'America/Los_Angeles', currency: 'USD', fxPer100Usd: 100, minorPer100Usd: 10_000 },
  { timezone: 'Asia/Kolkata', currency: 'INR', fxPer100Usd: 8_300, minorPer100Usd: 830_000 },
  { timezone: 'Europe/London', currency: 'GBP', fxPer100Usd: 79, minorPer100Usd: 7_900 },
  { timezone: 'Asia/Kathmandu', currency: 'NPR', fxPer100Usd: 13_300, minorPer100Usd: 1_330_000 },
  { timezone: 'Europe/Berlin', currency: 'EUR', fxPer100Usd: 92, minorPer100Usd: 9_200 },
  { timezone: 'Asia/Tokyo', currency: 'JPY', fxPer100Usd: 15_000, minorPer100Usd: 15_000 },
  { timezone: 'America/New_York', currency: 'USD', fxPer100Usd: 100, minorPer100Usd: 10_000 },
  { timezone: 'Australia/Sydney', currency: 'AUD', fxPer100Usd: 152, minorPer100Usd: 15_200 },
  { timezone: 'America/Sao_Paulo', currency: 'BRL', fxPer100Usd: 500, minorPer100Usd: 50_000 },
  { timezone: 'UTC', currency: 'USD', fxPer100Usd: 100, minorPer100Usd: 10_000 },
];

export const ADVERTISER_NAMES_A = [
  'Lumen', 'Kestrel', 'Nimbus', 'Saffron', 'Harbor', 'Quartz', 'Juniper', 'Monsoon', 'Pixel', 'Copper',
  'Tidal', 'Everest', 'Maple', 'Orbit', 'Velvet', 'Sakura', 'Atlas', 'Cobalt', 'Lotus', 'Falcon',
];
export const ADVERTISER_NAMES_B = [
  'Coffee', 'Outdoor', 'Mobile', 'Foods', 'Travel', 'Games', 'Beauty', 'Fitness', 'Bank', 'Motors',
  'Fashion', 'Studios', 'Pets', 'Audio', 'Home',
];
export const CAMPAIGN_THEMES = [
  'Spring launch', 'Summer sale', 'Back to school', 'Holiday push', 'Brand lift', 'App installs',
  'Retargeting', 'New collection', 'Festival special', 'Always on', 'Creator collab', 'Weekend flash',
];

export const FIRST_NAMES = [
  'Ana', 'Ravi', 'Mei', 'Lucas', 'Priya', 'Kenji', 'Sofia', 'Arjun', 'Chloe', 'Mateo', 'Aisha', 'Yuki',
  'Noah', 'Fatima', 'Diego', 'Hana', 'Omar', 'Leila', 'Sami', 'Nina', 'Tariq', 'Elena', 'Bima', 'Rosa',
  'Anil', 'Grace', 'Hiro', 'Maya', 'Felix', 'Zara', 'Kofi', 'Lina',
];
export const LAST_NAMES = [
  'Silva', 'Sharma', 'Tanaka', 'Garcia', 'Okafor', 'Nguyen', 'Schmidt', 'Santos', 'Khan', 'Lopez',
  'Sato', 'Reyes', 'Smith', 'Gurung', 'Patel', 'Muller', 'Costa', 'Wijaya', 'Yilmaz', 'Dubois',
  'Hernandez', 'Shrestha', 'Kim', 'Brown',
];
export const HANDLE_WORDS = [
  'otter', 'comet', 'mango', 'pixel', 'tiger', 'lotus', 'ember', 'koala', 'nova', 'sprout', 'echo',
  'panda', 'river', 'cactus', 'falcon', 'noodle', 'breeze', 'maple', 'orbit', 'pebble', 'sunny', 'waffle',
];

export const TITLE_OPENERS = [
  'Quick', 'Easy', 'Late-night', 'Unexpected', 'Perfect', 'Chaotic', 'Cozy', 'Epic', 'Tiny', 'Honest',
  'My first', 'Rating a', 'POV: a', 'Trying a',
];
/** Topic phrase and the tag it implies. */
export const TITLE_TOPICS: readonly (readonly [string, string])[] = [
  ['ramen recipe', 'food'], ['street food tour', 'food'], ['skateboard trick', 'sports'],
  ['cat reaction', 'pets'], ['dog zoomies', 'pets'], ['dance challenge', 'dance'], ['guitar cover', 'music'],
  ['makeup tutorial', 'beauty'], ['study vlog', 'study'], ['sunset timelapse', 'nature'],
  ['workout routine', 'fitness'], ['magic trick', 'comedy'], ['DIY lamp build', 'diy'], ['speedrun', 'gaming'],
  ['phone camera hack', 'tech'], ['street interview', 'comedy'], ['watercolor sketch', 'art'],
  ['mountain hike', 'travel'],
];
export const TITLE_ENDINGS = [
  'in Lisbon', 'at 3am', 'in 60 seconds', 'for beginners', 'with my grandma', 'part 2', 'in Kathmandu',
  'in São Paulo', 'gone wrong', 'in Tokyo', 'in Mumbai', 'on a budget', 'in the rain', 'day 12',
];
export const EXTRA_TAGS = ['fyp', 'viral', 'trending', 'howto', 'funny', 'daily', 'challenge', 'asmr'];
