/**
 * The demo world: pure data, no I/O, no imports. The seeding code inserts it; nothing here
 * knows about ids. Everything is addressed by a stable natural key — users by `handle`,
 * categories and courses by `slug`, modules by (course slug, module `order`) — so re-seeding
 * is idempotent and tests can name records without looking them up.
 *
 * This file is deliberately longer than the ~300-line house limit: it is a fixture, not
 * logic, and splitting the world across files would make cross-references (handles, slugs)
 * harder to check by eye.
 *
 * Sources: the seed schema document (CD-021 categories and includes, CD-023 goodwill
 * rewards, CD-025 "Intro to Claude Code" with its tiered prerequisites, audience,
 * testimonials and two-session curriculum). Text the seed gives is reproduced verbatim.
 *
 * Course ratings and their counts are not data here: they follow the demo's session ratings
 * (teaching-plan.ts), recomputed by the live code, so they agree with the rows.
 *
 * Relative times (`enrolledDaysAgo`, `minutesAgo`) are counted back from seeding time;
 * `certifiedDate`s were chosen so that, seeded around late 2026, every Student-Teacher was
 * certified after finishing the course and before teaching anyone in it.
 */

export type DemoRole =
  | "student"
  | "student_teacher"
  | "creator"
  | "admin"
  | "moderator"
  | "employer";

export interface DemoUser {
  /** Without @, lowercase, [a-z0-9_]{3,30}. */
  handle: string;
  /** `<handle>@peerloop.demo` */
  email: string;
  name: string;
  /** Primary role. */
  role: DemoRole;
  isCreator?: boolean;
  isStudentTeacher?: boolean;
  isAdmin?: boolean;
  isModerator?: boolean;
  isEmployer?: boolean;
  title?: string;
  bio?: string;
  /** At most 160 characters. */
  bioShort?: string;
  teachingPhilosophy?: string;
  website?: string;
  /** IANA time zone. */
  timezone: string;
  /** Defaults to true. */
  privacyPublic?: boolean;
  qualifications?: string[];
  expertise?: string[];
  interests?: string[];
  /** One line: what this account is good for trying (printed at start-up). */
  demoNote: string;
}

export interface DemoCategory {
  slug: string;
  name: string;
  displayOrder: number;
}

export interface DemoModule {
  order: number;
  sessionNumber?: number;
  title: string;
  description: string;
  duration: string;
  learningObjectives?: string[];
  topicsCovered?: string[];
  handsOnExercise?: string;
  videoCount?: number;
  readingCount?: number;
  hasAssessment?: boolean;
  videoUrl?: string;
  documentUrl?: string;
}

export interface DemoCourse {
  slug: string;
  title: string;
  /** Handle of the creator. */
  creator: string;
  /** Category slug. */
  category: string;
  /** At most 150 characters. */
  tagline?: string;
  description: string;
  duration: string;
  durationWeeks?: number;
  totalDuration?: string;
  sessionCount?: number;
  format?: string;
  level: "beginner" | "intermediate" | "advanced";
  priceCents: number;
  currency: "USD";
  badge?: "popular" | "new" | "bestseller" | "featured";
  hasCertificate: boolean;
  certificateName?: string;
  isActive: boolean;
  isRetired?: boolean;
  /** Percent of the price paid to whoever teaches the enrollment; usually 70. */
  teacherCommission: number;
  objectives: string[];
  includes: string[];
  prerequisites: { required: string[]; niceToHave: string[]; notRequired: string[] };
  targetAudience: string[];
  testimonials: { quote: string; studentName: string; studentRole?: string; isFeatured: boolean }[];
  tags: string[];
  modules: DemoModule[];
}

export interface DemoStudentTeacher {
  user: string;
  course: string;
  /** YYYY-MM-DD */
  certifiedDate: string;
  approvedBy: string;
  isActive: boolean;
}

export interface DemoEnrollment {
  student: string;
  course: string;
  /** A certified Student-Teacher of that course; omitted means the creator teaches. */
  teacher?: string;
  status: "enrolled" | "in_progress" | "completed" | "cancelled";
  enrolledDaysAgo: number;
  /** How many modules, in order, are complete. */
  completedModules: number;
  cancelReason?: string;
}

export interface DemoReward {
  pointsThreshold: number;
  rewardType: "badge" | "discount" | "free_session" | "revenue_bonus";
  rewardValue: string;
  description: string;
}

/** One password for every demo account. */
export const DEMO_PASSWORD: string = "peerloop-demo-2026";

// ---------------------------------------------------------------------------------------
// Users
// ---------------------------------------------------------------------------------------

export const demoUsers: DemoUser[] = [
  // --- Creators ---
  {
    handle: "gabriel",
    email: "gabriel@peerloop.demo",
    name: "Gabriel Santos",
    role: "creator",
    isCreator: true,
    title: "AI Engineer & Founder, Loopwise Labs",
    bio: "Gabriel spent nine years shipping backend systems at two fintech start-ups before going all-in on AI-assisted development. He now runs Loopwise Labs, a small studio that builds internal tools with Claude, and teaches non-programmers to do the same. His Intro to Claude Code course has turned hundreds of curious beginners into people who ship.",
    bioShort:
      "AI engineer and founder of Loopwise Labs. I teach beginners to build real software with Claude Code — no CS degree required.",
    teachingPhilosophy:
      "You learn to build by building. Every session ends with something running on your own machine, and every question is a good one. I would rather you break things in front of me than stay stuck alone.",
    website: "https://loopwiselabs.dev",
    timezone: "America/Los_Angeles",
    qualifications: [
      "Built and shipped production AI tooling used by more than 40,000 people at Loopwise Labs.",
      "Nine years of backend engineering at Ledgerline and Brightpay, leading teams of up to eight engineers.",
      "B.S. in Computer Science from the University of California, San Diego.",
      "Anthropic Claude early-access developer since 2023 and regular speaker at AI Engineer meetups.",
    ],
    expertise: ["Claude Code", "AI Prompting", "Python", "TypeScript", "Developer Tools"],
    demoNote:
      "Main creator: owns Intro to Claude Code and 3 more courses — try the creator dashboard and approving Student-Teachers.",
  },
  {
    handle: "priya",
    email: "priya@peerloop.demo",
    name: "Priya Raman",
    role: "creator",
    isCreator: true,
    title: "Senior Data Scientist, Meridian Health Analytics",
    bio: "Priya leads a data science team that builds clinical risk models for hospital networks. Before that she was a research engineer working on multilingual NLP. She started teaching on PeerLoop because the best way she knows to learn something is to explain it to someone one-on-one.",
    bioShort:
      "Senior data scientist in health analytics. I teach machine learning, NLP and data science with real, messy data.",
    teachingPhilosophy:
      "Start from a real question and a real dataset, then pull in exactly the theory you need to answer it. Intuition first, math second, code always.",
    website: "https://priyaraman.io",
    timezone: "Asia/Kolkata",
    qualifications: [
      "M.Tech in Computer Science (Machine Learning) from IIT Madras.",
      "Seven years of applied machine learning, including four leading the clinical modelling team at Meridian Health Analytics.",
      "Co-author of three peer-reviewed papers on low-resource language models.",
      "Google Cloud Professional Machine Learning Engineer certification.",
    ],
    expertise: ["Machine Learning", "NLP", "Data Science", "Python", "Healthcare AI"],
    demoNote:
      "Second creator: 4 data/ML courses, one with an advanced NLP track — good for comparing course pages.",
  },
  {
    handle: "lena",
    email: "lena@peerloop.demo",
    name: "Lena Hoffmann",
    role: "creator",
    isCreator: true,
    title: "Staff Platform Engineer, Nordwerk Cloud",
    bio: "Lena has run production infrastructure for a decade, from a two-person start-up's single server to a platform serving millions of requests a minute. She writes about on-call culture and teaches backend, cloud and system design with a strong bias toward things that survive contact with production.",
    bioShort:
      "Staff platform engineer in Berlin. Backend, cloud, DevOps and system design — taught the way production actually works.",
    teachingPhilosophy:
      "Every design is a set of trade-offs. I want you to leave able to argue both sides, draw the diagram, and know what will page you at 3 a.m.",
    website: "https://lenahoffmann.de",
    timezone: "Europe/Berlin",
    qualifications: [
      "Ten years of backend and platform engineering, currently Staff Engineer at Nordwerk Cloud.",
      "M.Sc. in Computer Science from the Technical University of Munich.",
      "AWS Certified Solutions Architect – Professional and Certified Kubernetes Administrator (CKA).",
      "Has run more than 300 mock system design interviews for engineers moving into senior roles.",
    ],
    expertise: ["Backend Development", "AWS", "Kubernetes", "System Design", "Node.js"],
    demoNote:
      "Third creator: 5 engineering courses, including a retired one and a 60% commission course.",
  },

  // --- Student-Teachers ---
  {
    handle: "marcus",
    email: "marcus@peerloop.demo",
    name: "Marcus Bell",
    role: "student_teacher",
    isStudentTeacher: true,
    title: "Operations Manager turned AI tinkerer",
    bio: "Marcus managed warehouse operations for eight years and had never written a line of code before taking Intro to Claude Code. Two sessions later he had automated his team's shift reports. He now teaches the course himself and loves working with people who think they are 'not technical'.",
    bioShort:
      "Former ops manager, now a Student-Teacher for Intro to Claude Code. If I could learn this, you can too.",
    timezone: "America/Chicago",
    qualifications: [
      "Completed Intro to Claude Code and Prompt Engineering Foundations with certificates of completion.",
      "Certified PeerLoop Student-Teacher for two courses, approved by Gabriel Santos.",
      "Eight years as an operations manager, leading a team of 25 at a regional logistics company.",
    ],
    expertise: ["Claude Code", "AI Prompting", "Workflow Automation", "Beginner Coaching"],
    interests: ["AI agents", "automation", "product management", "no-code tools"],
    demoNote:
      "Busiest Student-Teacher: certified on 2 courses with several assigned students — try the teaching view.",
  },
  {
    handle: "aisha",
    email: "aisha@peerloop.demo",
    name: "Aisha Khan",
    role: "student_teacher",
    isStudentTeacher: true,
    title: "Junior Data Analyst, Thameslink Retail",
    bio: "Aisha moved from customer service into data analysis after learning Python on PeerLoop. She teaches Data Science with Python and is working through the AI in Healthcare course because she wants to move into health tech next.",
    bioShort:
      "Data analyst in London and Student-Teacher for Data Science with Python. Pandas, charts and patience.",
    timezone: "Europe/London",
    qualifications: [
      "Completed Data Science with Python and Intro to Claude Code with certificates of completion.",
      "Certified PeerLoop Student-Teacher, approved by Priya Raman and Gabriel Santos.",
      "B.A. in Economics from the University of Leeds.",
    ],
    expertise: ["Python", "pandas", "Data Visualization", "SQL"],
    interests: ["healthcare AI", "data visualization", "statistics", "career change"],
    demoNote:
      "Student-Teacher with one paused certification and an in-progress course of her own — shows both sides.",
  },
  {
    handle: "tomas",
    email: "tomas@peerloop.demo",
    name: "Tomás Herrera",
    role: "student_teacher",
    isStudentTeacher: true,
    title: "Backend Developer, Cobalto Pagos",
    bio: "Tomás writes payment APIs for a Mexican fintech. He took Lena's backend and DevOps courses to fill the gaps a bootcamp left, and now teaches both in English and Spanish.",
    bioShort:
      "Backend developer in Mexico City. I teach Node.js APIs and CI/CD pipelines — en inglés o en español.",
    timezone: "America/Mexico_City",
    qualifications: [
      "Completed Backend APIs with Node.js and DevOps: CI/CD Pipelines with certificates of completion.",
      "Certified PeerLoop Student-Teacher for two courses, approved by Lena Hoffmann.",
      "Three years building payment APIs in Node.js and PostgreSQL at Cobalto Pagos.",
    ],
    expertise: ["Node.js", "PostgreSQL", "GitHub Actions", "Docker"],
    interests: ["system design", "cloud computing", "open source", "fintech"],
    demoNote: "Student-Teacher for two backend courses — has a brand-new student waiting to start.",
  },
  {
    handle: "mei",
    email: "mei@peerloop.demo",
    name: "Mei Tanaka",
    role: "student_teacher",
    isStudentTeacher: true,
    title: "Graduate Student, Computational Biology",
    bio: "Mei is a master's student in Tokyo who uses machine learning to study protein interactions. She teaches Practical Machine Learning and is currently taking AI in Healthcare to connect her research with clinical work.",
    bioShort:
      "ML grad student in Tokyo. Student-Teacher for Practical Machine Learning; happy to go slow on the math.",
    timezone: "Asia/Tokyo",
    qualifications: [
      "Completed Practical Machine Learning with a certificate of completion.",
      "Certified PeerLoop Student-Teacher, approved by Priya Raman.",
      "B.Sc. in Biology from Kyoto University; M.Sc. candidate in Computational Biology at the University of Tokyo.",
    ],
    expertise: ["scikit-learn", "Machine Learning", "Python", "Bioinformatics"],
    interests: ["healthcare AI", "deep learning", "research", "bioinformatics"],
    demoNote:
      "Student-Teacher in Asia/Tokyo — useful for checking time-zone handling in scheduling.",
  },

  // --- Students ---
  {
    handle: "sarah",
    email: "sarah@peerloop.demo",
    name: "Sarah Mitchell",
    role: "student",
    title: "Marketing Coordinator",
    bio: "Sarah runs marketing for a small nonprofit in Brooklyn. She took Intro to Claude Code knowing nothing about coding and built her first web app in two sessions. Now she is learning to build full-stack apps for her team.",
    bioShort:
      "Marketing coordinator who went from zero code to her first web app in two sessions. Now learning full-stack.",
    timezone: "America/New_York",
    interests: ["AI coding", "web development", "prompt engineering", "nonprofits"],
    demoNote:
      "Course graduate: completed Intro to Claude Code, two courses in progress, asking about becoming a Student-Teacher.",
  },
  {
    handle: "demo",
    email: "demo@peerloop.demo",
    name: "Jordan Avery",
    role: "student",
    title: "Product Analyst",
    bio: "Jordan is a product analyst at a SaaS company who wants to prototype ideas without waiting on engineering. Currently juggling three courses and loving it.",
    bioShort:
      "Product analyst learning to prototype with AI, Python and ML. Three courses on the go.",
    timezone: "Europe/London",
    interests: ["AI coding", "machine learning", "data science", "product analytics"],
    demoNote:
      "THE demo learner: 3 courses in progress with partial progress and 1 just enrolled — open 'My learning'.",
  },
  {
    handle: "ravi",
    email: "ravi@peerloop.demo",
    name: "Ravi Patel",
    role: "student",
    title: "Software Engineer",
    bio: "Ravi is a Java developer in Bengaluru moving into NLP. He keeps his profile private while he job-hunts.",
    bioShort: "Java developer moving into NLP.",
    timezone: "Asia/Kolkata",
    privacyPublic: false,
    interests: ["NLP", "transformers", "data science", "career change"],
    demoNote: "Private profile: check what others can and cannot see.",
  },
  {
    handle: "chloe",
    email: "chloe@peerloop.demo",
    name: "Chloé Dubois",
    role: "student",
    title: "Associate Product Manager",
    bio: "Chloé is an associate product manager in Paris working on an AI-powered travel app. She wants to speak fluently with her ML team and write better specs for AI features.",
    bioShort: "Associate PM in Paris, learning to ship AI features responsibly.",
    timezone: "Europe/Paris",
    interests: ["product management", "AI prompting", "UX research", "travel tech"],
    demoNote:
      "Has a completed, a just-enrolled and a cancelled enrollment — good for refund/cancel flows.",
  },
  {
    handle: "noah",
    email: "noah@peerloop.demo",
    name: "Noah Williams",
    role: "student",
    title: "IT Support Engineer",
    bio: "Noah supports a 200-person office in Sydney and is working his way toward a DevOps role, one course at a time.",
    bioShort: "IT support engineer in Sydney, working toward DevOps.",
    timezone: "Australia/Sydney",
    interests: ["DevOps", "cloud computing", "Linux", "system design"],
    demoNote: "Completed a course that has since been retired — check how retired courses show up.",
  },

  // --- Platform staff ---
  {
    handle: "admin",
    email: "admin@peerloop.demo",
    name: "Nadia Rahman",
    role: "admin",
    isAdmin: true,
    title: "Platform Operations Lead, PeerLoop",
    bioShort: "Keeps PeerLoop running: payouts, disputes and course approvals.",
    timezone: "America/New_York",
    demoNote: "Admin: payouts, user management and every admin screen.",
  },
  {
    handle: "moderator",
    email: "moderator@peerloop.demo",
    name: "Ben Adeyemi",
    role: "moderator",
    isModerator: true,
    title: "Community Moderator, PeerLoop",
    bioShort: "Community moderator. Be kind, be curious, flag anything that isn't.",
    timezone: "Africa/Lagos",
    demoNote: "Moderator: review flagged posts and pin announcements in the community feed.",
  },
  {
    handle: "employer",
    email: "employer@peerloop.demo",
    name: "Olivia Grant",
    role: "employer",
    isEmployer: true,
    title: "Learning & Development Manager, Northwind Analytics",
    bioShort:
      "L&D manager at Northwind Analytics, sponsoring AI and data skills for our operations team.",
    website: "https://northwind-analytics.example.com",
    timezone: "America/Los_Angeles",
    demoNote: "Employer/funder: browse courses to sponsor for a team.",
  },
];

// ---------------------------------------------------------------------------------------
// Categories — exactly the 15 of the seed (CD-021), in its order
// ---------------------------------------------------------------------------------------

export const demoCategories: DemoCategory[] = [
  { slug: "ai-product-management", name: "AI & Product Management", displayOrder: 1 },
  { slug: "machine-learning", name: "Machine Learning", displayOrder: 2 },
  { slug: "computer-vision", name: "Computer Vision", displayOrder: 3 },
  { slug: "nlp", name: "NLP", displayOrder: 4 },
  { slug: "data-science", name: "Data Science", displayOrder: 5 },
  { slug: "business-analytics", name: "Business Analytics", displayOrder: 6 },
  { slug: "backend-development", name: "Backend Development", displayOrder: 7 },
  { slug: "cloud-computing", name: "Cloud Computing", displayOrder: 8 },
  { slug: "full-stack-development", name: "Full-Stack Development", displayOrder: 9 },
  { slug: "devops", name: "DevOps", displayOrder: 10 },
  { slug: "system-design", name: "System Design", displayOrder: 11 },
  { slug: "ai-robotics", name: "AI & Robotics", displayOrder: 12 },
  { slug: "ai-in-healthcare", name: "AI in Healthcare", displayOrder: 13 },
  { slug: "ai-coding", name: "AI Coding", displayOrder: 14 },
  { slug: "ai-prompt-engineering", name: "AI & Prompt Engineering", displayOrder: 15 },
];

// ---------------------------------------------------------------------------------------
// Courses
// ---------------------------------------------------------------------------------------

/** The six "includes" items of CD-021, used verbatim by the flagship course. */
const SEED_INCLUDES = [
  "Full course access",
  "1-on-1 peer teaching sessions",
  "Certificate on completion",
  "Lifetime access to materials",
  "Access to prompt library templates",
  "Discord community access",
];

const introToClaudeCode: DemoCourse = {
  slug: "intro-to-claude-code",
  title: "Intro to Claude Code",
  creator: "gabriel",
  category: "ai-coding",
  tagline:
    "Master AI-powered coding with Claude Code in two live sessions — build and ship your first app, no coding experience needed.",
  description:
    "Claude Code is an AI coding assistant that lives in your terminal: you describe what you want in plain English and it reads, writes and runs code for you. In two live 1-on-1 sessions you will install it, learn how to talk to it, and build and deploy a small web app of your own. The course is designed for people who have never coded — you will learn how to guide an AI collaborator, check its work, and recover when things go wrong, which is the real skill behind AI-powered development.",
  duration: "2 sessions",
  durationWeeks: 1,
  totalDuration: "3 hours",
  sessionCount: 2,
  format: "Live 1-on-1 sessions",
  level: "beginner",
  priceCents: 14900,
  currency: "USD",
  badge: "bestseller",
  hasCertificate: true,
  certificateName: "Certificate of Completion",
  isActive: true,
  teacherCommission: 70,
  objectives: [
    "Install and configure Claude Code on Windows or Mac",
    "Describe what you want to build in clear prompts Claude can act on",
    "Review, accept or reject the changes Claude proposes",
    "Build a working personal web app from an empty folder",
    "Use Git to save your progress and undo mistakes safely",
    "Deploy your app to the web and share a live link",
  ],
  includes: SEED_INCLUDES,
  prerequisites: {
    required: ["Computer with terminal (Windows or Mac)", "Claude account (Pro or Max plan)"],
    niceToHave: ["Basic computer navigation skills"],
    notRequired: ["No coding experience needed", "No command-line knowledge required"],
  },
  targetAudience: [
    "Non-coders wanting to use AI for development",
    "Vibe coders looking to enhance productivity",
    "Professionals wanting to automate tasks with AI",
    "Beginners curious about AI coding tools",
  ],
  testimonials: [
    {
      quote:
        "I went from knowing nothing about coding to building my first web app in just two sessions.",
      studentName: "Sarah",
      studentRole: "Course Graduate",
      isFeatured: true,
    },
    {
      quote:
        "The hands-on approach is perfect. You're not just watching - you're building real things from day one.",
      studentName: "Marcus",
      studentRole: "Now a Student-Teacher",
      isFeatured: true,
    },
  ],
  tags: ["Claude Code", "AI coding", "beginners", "terminal", "web apps", "vibe coding"],
  modules: [
    {
      order: 1,
      sessionNumber: 1,
      title: "Welcome: What Claude Code Is (and Isn't)",
      description:
        "Meet your teacher, set goals for the two sessions, and see a live demo of Claude Code building a small app from a single sentence. We clear up what the AI does well, where it needs you, and how the course will run.",
      duration: "20 min",
      learningObjectives: [
        "Explain in your own words what an AI coding assistant does",
        "Set a concrete goal for the app you will build",
        "Know where Claude Code needs human judgement",
      ],
      topicsCovered: [
        "How Claude Code differs from chat",
        "The agent loop: read, plan, edit, run",
        "Safety: permissions and approvals",
        "Course roadmap",
      ],
      handsOnExercise:
        "Write a three-sentence description of the personal app you want to have by the end of session 2.",
      videoCount: 1,
      readingCount: 1,
      hasAssessment: false,
      videoUrl: "https://www.youtube.com/watch?v=cC4xP9tVq2E",
      documentUrl: "https://docs.google.com/document/d/1pLqIntroCC01WelcomeGoals7xR2/edit",
    },
    {
      order: 2,
      sessionNumber: 1,
      title: "Setting Up Your Terminal and Installing Claude Code",
      description:
        "A guided tour of the terminal for people who have never opened one, then installing Node.js and Claude Code and signing in with your Claude account. Your teacher screen-shares with you until everything works.",
      duration: "30 min",
      learningObjectives: [
        "Open a terminal and move between folders",
        "Install Claude Code and sign in with a Pro or Max plan",
        "Start Claude Code inside a project folder",
      ],
      topicsCovered: [
        "Terminal basics: cd, ls/dir, pwd",
        "Installing Node.js",
        "npm install of Claude Code",
        "Signing in and checking your plan",
      ],
      handsOnExercise:
        "Create a folder called my-first-app, open it in the terminal and start your first Claude Code session there.",
      videoCount: 2,
      readingCount: 1,
      hasAssessment: false,
      videoUrl: "https://www.youtube.com/watch?v=Hm7Tz3QeW1k",
      documentUrl: "https://docs.google.com/document/d/1pLqIntroCC02TerminalSetup9kD4/edit",
    },
    {
      order: 3,
      sessionNumber: 1,
      title: "Your First Conversation with Claude Code",
      description:
        "Learn the prompts that work: describing outcomes instead of instructions, giving context, and asking Claude to explain what it is about to do. You will practise approving and rejecting edits and using plan mode.",
      duration: "20 min",
      learningObjectives: [
        "Write a prompt that describes an outcome and its constraints",
        "Use plan mode to review an approach before any file changes",
        "Approve or reject a proposed edit with confidence",
      ],
      topicsCovered: [
        "Outcome-first prompting",
        "Plan mode",
        "Reading a diff",
        "Asking Claude to explain its code",
      ],
      handsOnExercise:
        "Ask Claude Code to create a one-page 'About me' site, review its plan, then request two changes before accepting.",
      videoCount: 1,
      readingCount: 1,
      hasAssessment: false,
      videoUrl: "https://www.youtube.com/watch?v=Qw8rN2bLp5s",
      documentUrl: "https://docs.google.com/document/d/1pLqIntroCC03FirstPrompts3mF8/edit",
    },
    {
      order: 4,
      sessionNumber: 1,
      title: "Building Your First Project",
      description:
        "Turn your three-sentence goal into a working web app. You will add a form, store data in the browser, and style the page, with your teacher coaching you through each prompt and each surprise.",
      duration: "20 min",
      learningObjectives: [
        "Break a project into small, promptable steps",
        "Run your app locally and view it in the browser",
        "Fix a bug by describing the symptom to Claude",
      ],
      topicsCovered: [
        "Small steps beat big prompts",
        "Running a local dev server",
        "Describing bugs clearly",
        "Basic HTML, CSS and JavaScript vocabulary",
      ],
      handsOnExercise:
        "Build a working first version of your app and show it running at localhost before the session ends.",
      videoCount: 1,
      readingCount: 0,
      hasAssessment: true,
      videoUrl: "https://www.youtube.com/watch?v=Lk2vD9sYt4A",
      documentUrl: "https://docs.google.com/document/d/1pLqIntroCC04FirstProject6hQ1/edit",
    },
    {
      order: 5,
      sessionNumber: 2,
      title: "Iterating Like a Pro",
      description:
        "Session 2 starts from your homework app. Learn to give feedback in rounds, keep Claude on track in longer sessions, and use screenshots and error messages as context.",
      duration: "30 min",
      learningObjectives: [
        "Give precise, incremental feedback on Claude's work",
        "Paste errors and screenshots as context",
        "Recognise when to start a fresh session",
      ],
      topicsCovered: [
        "Feedback loops",
        "Context windows in plain English",
        "Using error messages",
        "/clear and starting over",
      ],
      handsOnExercise:
        "Add one new feature to your app in at least three rounds of feedback, noting what each round changed.",
      videoCount: 1,
      readingCount: 1,
      hasAssessment: false,
      videoUrl: "https://www.youtube.com/watch?v=Zr5gK1mXc8U",
      documentUrl: "https://docs.google.com/document/d/1pLqIntroCC05Iterating2wP7/edit",
    },
    {
      order: 6,
      sessionNumber: 2,
      title: "Files, Git and Project Memory",
      description:
        "Keep your work safe and your assistant informed. You will save checkpoints with Git, undo a bad change, and write a CLAUDE.md file so Claude remembers how your project works between sessions.",
      duration: "30 min",
      learningObjectives: [
        "Commit and restore work with Git through Claude Code",
        "Write a CLAUDE.md that describes your project",
        "Undo a change you do not like",
      ],
      topicsCovered: [
        "What Git is and why it matters",
        "Commits as save points",
        "CLAUDE.md project memory",
        "Reading a project's file tree",
      ],
      handsOnExercise:
        "Commit your app, ask Claude to make a risky change, then roll it back; finish by writing a CLAUDE.md for your project.",
      videoCount: 2,
      readingCount: 1,
      hasAssessment: false,
      videoUrl: "https://www.youtube.com/watch?v=Pj3nW6eRy0T",
      documentUrl: "https://docs.google.com/document/d/1pLqIntroCC06GitMemory4vN9/edit",
    },
    {
      order: 7,
      sessionNumber: 2,
      title: "Shipping It: Deploy and Next Steps",
      description:
        "Put your app on the internet with a free hosting service and share the link. We close with a plan for what to build next, the prompt library, and how to become a Student-Teacher for this course.",
      duration: "30 min",
      learningObjectives: [
        "Deploy a static web app to a free host",
        "Share a live link to your project",
        "Plan your next project with the prompt library",
      ],
      topicsCovered: [
        "Static hosting",
        "Deploying from Git",
        "Prompt library templates",
        "The Student-Teacher path",
      ],
      handsOnExercise:
        "Deploy your app, post the live link in the course Discord, and write down your next three project ideas.",
      videoCount: 1,
      readingCount: 2,
      hasAssessment: true,
      videoUrl: "https://www.youtube.com/watch?v=Ft9bM4cHu7Y",
      documentUrl: "https://docs.google.com/document/d/1pLqIntroCC07ShipIt8tK3/edit",
    },
  ],
};

export const demoCourses: DemoCourse[] = [
  introToClaudeCode,

  // --- Gabriel ---
  {
    slug: "prompt-engineering-foundations",
    title: "Prompt Engineering Foundations",
    creator: "gabriel",
    category: "ai-prompt-engineering",
    tagline: "Write prompts that get reliable, useful answers from any large language model.",
    description:
      "A practical introduction to prompting for everyday work. You will learn how models read instructions, how to structure prompts with roles, examples and constraints, and how to test prompts so they keep working. Each module ends with a prompt you add to your own library.",
    duration: "3 weeks",
    durationWeeks: 3,
    format: "Self-paced modules with weekly 1-on-1 sessions",
    level: "beginner",
    priceCents: 4999,
    currency: "USD",
    badge: "popular",
    hasCertificate: true,
    certificateName: "Certificate of Completion",
    isActive: true,
    teacherCommission: 70,
    objectives: [
      "Structure prompts with role, context, task and format",
      "Use few-shot examples to steer output style",
      "Break complex tasks into prompt chains",
      "Evaluate prompts against a small test set",
    ],
    includes: [
      "Full course access",
      "1-on-1 peer teaching sessions",
      "Certificate on completion",
      "Access to prompt library templates",
    ],
    prerequisites: {
      required: ["Access to Claude, ChatGPT or another LLM chat tool"],
      niceToHave: ["Some experience using AI chat tools at work"],
      notRequired: ["No programming experience needed"],
    },
    targetAudience: [
      "Knowledge workers who use AI tools daily",
      "Team leads standardising how their team uses AI",
      "Writers, marketers and analysts who want more consistent results",
    ],
    testimonials: [
      {
        quote:
          "My prompts went from hit-and-miss to something I can hand to my whole team. The test-set module alone was worth it.",
        studentName: "Chloé",
        studentRole: "Associate Product Manager",
        isFeatured: true,
      },
    ],
    tags: ["prompt engineering", "LLMs", "Claude", "productivity"],
    modules: [
      {
        order: 1,
        title: "How Language Models Read Your Prompt",
        description:
          "Tokens, context and why models sometimes ignore instructions — the mental model you need before writing a single prompt.",
        duration: "Week 1",
        videoCount: 3,
        readingCount: 1,
        hasAssessment: false,
      },
      {
        order: 2,
        title: "Anatomy of a Good Prompt",
        description:
          "Role, context, task, constraints and output format. Rewrite five weak prompts from real workplaces into strong ones.",
        duration: "Week 1",
        videoCount: 2,
        readingCount: 2,
        hasAssessment: true,
      },
      {
        order: 3,
        title: "Examples and Few-Shot Prompting",
        description:
          "Show, don't tell: use examples to control tone, structure and edge cases, and learn when examples backfire.",
        duration: "Week 2",
        videoCount: 2,
        readingCount: 1,
        hasAssessment: false,
      },
      {
        order: 4,
        title: "Chaining and Decomposition",
        description:
          "Split big tasks into steps, pass results between prompts, and keep a human check where it matters.",
        duration: "Week 2",
        videoCount: 3,
        readingCount: 1,
        hasAssessment: false,
      },
      {
        order: 5,
        title: "Testing Prompts and Building Your Library",
        description:
          "Build a ten-case test set, compare prompt versions side by side, and publish your best prompts to a personal library.",
        duration: "Week 3",
        videoCount: 2,
        readingCount: 2,
        hasAssessment: true,
      },
    ],
  },
  {
    slug: "ai-product-management",
    title: "AI Product Management",
    creator: "gabriel",
    category: "ai-product-management",
    tagline:
      "Scope, spec and ship AI features your users trust — without a machine learning degree.",
    description:
      "For product managers working on features powered by large language models. We cover how to find problems AI is actually good at, write specs that include evaluation criteria, work with engineers on quality and cost, and launch responsibly. Built around a case study you carry through all six modules.",
    duration: "6 weeks",
    durationWeeks: 6,
    format: "Weekly 1-on-1 sessions with a case-study project",
    level: "intermediate",
    priceCents: 29900,
    currency: "USD",
    badge: "featured",
    hasCertificate: true,
    certificateName: "Certificate in AI Product Management",
    isActive: true,
    teacherCommission: 70,
    objectives: [
      "Identify product problems well suited to LLMs",
      "Write an AI feature spec with evaluation criteria",
      "Estimate latency and cost trade-offs with engineering",
      "Plan a responsible launch with guardrails and monitoring",
    ],
    includes: [
      "Full course access",
      "1-on-1 peer teaching sessions",
      "Certificate on completion",
      "AI feature spec template",
      "Lifetime access to materials",
    ],
    prerequisites: {
      required: ["At least one year in a product, design or project role"],
      niceToHave: ["Completed Prompt Engineering Foundations or equivalent"],
      notRequired: ["No coding experience needed"],
    },
    targetAudience: [
      "Product managers starting on AI features",
      "Designers and founders scoping AI products",
      "Engineers moving into product roles",
    ],
    testimonials: [
      {
        quote:
          "I finally have a vocabulary for talking to our ML team about quality. My last spec got approved in one review.",
        studentName: "Daniel",
        studentRole: "Senior Product Manager",
        isFeatured: true,
      },
      {
        quote:
          "The case study made everything concrete. Great balance of strategy and hands-on work.",
        studentName: "Ines",
        studentRole: "Startup Founder",
        isFeatured: false,
      },
    ],
    tags: ["product management", "LLMs", "AI strategy", "evaluation"],
    modules: [
      {
        order: 1,
        title: "Where AI Fits (and Where It Doesn't)",
        description:
          "A framework for judging which user problems suit generative AI, with examples of features that failed and why.",
        duration: "Week 1",
        videoCount: 2,
        readingCount: 2,
        hasAssessment: false,
      },
      {
        order: 2,
        title: "Discovery for AI Features",
        description:
          "User research when the output is probabilistic: prototyping with prompts, Wizard-of-Oz tests and collecting examples.",
        duration: "Week 2",
        videoCount: 2,
        readingCount: 1,
        hasAssessment: false,
      },
      {
        order: 3,
        title: "Writing the AI Feature Spec",
        description:
          "Specs that include example inputs, expected outputs, failure modes and an evaluation plan engineers can build against.",
        duration: "Week 3",
        videoCount: 2,
        readingCount: 2,
        hasAssessment: true,
      },
      {
        order: 4,
        title: "Quality, Latency and Cost",
        description:
          "Work through model choice, caching and fallbacks with engineering, and read an eval report without getting lost.",
        duration: "Week 4",
        videoCount: 3,
        readingCount: 1,
        hasAssessment: false,
      },
      {
        order: 5,
        title: "Trust, Safety and Responsible Launch",
        description:
          "Guardrails, human review, disclosure and staged rollouts. Draft a launch checklist for your case study.",
        duration: "Week 5",
        videoCount: 2,
        readingCount: 2,
        hasAssessment: false,
      },
      {
        order: 6,
        title: "Measuring Success After Launch",
        description:
          "Define metrics that catch silent quality regressions, set up feedback loops and present results to leadership.",
        duration: "Week 6",
        videoCount: 2,
        readingCount: 1,
        hasAssessment: true,
      },
    ],
  },
  {
    // Draft: not yet published, so no badge, testimonials or enrollments (and no ratings).
    slug: "building-ai-agents-with-claude",
    title: "Building AI Agents with Claude",
    creator: "gabriel",
    category: "ai-coding",
    tagline: "Design, build and evaluate tool-using agents with the Claude API.",
    description:
      "An advanced, code-heavy course on agents: tool use, planning loops, memory, and evaluation. You will build an agent that triages a support inbox, then harden it with tests, cost limits and human checkpoints.",
    duration: "5 weeks",
    durationWeeks: 5,
    format: "Weekly 1-on-1 sessions with a build project",
    level: "advanced",
    priceCents: 34900,
    currency: "USD",
    hasCertificate: true,
    certificateName: "Certificate of Completion",
    isActive: false,
    teacherCommission: 70,
    objectives: [
      "Implement tool use with the Claude API",
      "Design agent loops with explicit stopping conditions",
      "Add memory and retrieval to an agent",
      "Evaluate agents with scripted scenarios",
    ],
    includes: [
      "Full course access",
      "1-on-1 peer teaching sessions",
      "Certificate on completion",
      "Starter repository",
    ],
    prerequisites: {
      required: ["Comfortable writing Python or TypeScript", "An Anthropic API key"],
      niceToHave: ["Completed Intro to Claude Code", "Experience calling REST APIs"],
      notRequired: ["No machine learning background needed"],
    },
    targetAudience: [
      "Developers building LLM-powered products",
      "Automation engineers moving beyond scripts",
    ],
    testimonials: [],
    tags: ["AI agents", "Claude API", "tool use", "Python"],
    modules: [
      {
        order: 1,
        title: "What Makes an Agent",
        description:
          "From single prompts to loops: the building blocks of an agent and when you do not need one.",
        duration: "Week 1",
        videoCount: 2,
        readingCount: 2,
      },
      {
        order: 2,
        title: "Tool Use with the Claude API",
        description:
          "Define tools, handle tool calls and results, and deal with malformed arguments gracefully.",
        duration: "Week 2",
        videoCount: 3,
        readingCount: 1,
      },
      {
        order: 3,
        title: "Planning, Memory and Retrieval",
        description:
          "Give the agent a scratchpad, long-term notes and a document store without blowing the context window.",
        duration: "Week 3",
        videoCount: 3,
        readingCount: 2,
      },
      {
        order: 4,
        title: "Guardrails and Human Checkpoints",
        description:
          "Budgets, permission prompts and approval steps so your agent never does something irreversible on its own.",
        duration: "Week 4",
        videoCount: 2,
        readingCount: 1,
      },
      {
        order: 5,
        title: "Evaluating and Shipping Agents",
        description:
          "Scenario-based evals, regression tracking and deploying the support-inbox agent behind a feature flag.",
        duration: "Week 5",
        videoCount: 2,
        readingCount: 1,
        hasAssessment: true,
      },
    ],
  },

  // --- Priya ---
  {
    slug: "practical-machine-learning",
    title: "Practical Machine Learning",
    creator: "priya",
    category: "machine-learning",
    tagline: "Train, evaluate and ship classic ML models with scikit-learn on real datasets.",
    description:
      "The core of applied machine learning without the hype: framing problems, preparing features, choosing and tuning models, and evaluating them honestly. Every module uses a real public dataset and ends with a notebook you walk through with your teacher.",
    duration: "8 weeks",
    durationWeeks: 8,
    format: "Weekly 1-on-1 sessions with notebook assignments",
    level: "intermediate",
    priceCents: 39900,
    currency: "USD",
    badge: "bestseller",
    hasCertificate: true,
    certificateName: "Certificate of Completion",
    isActive: true,
    teacherCommission: 70,
    objectives: [
      "Frame a business question as a supervised learning problem",
      "Build reproducible preprocessing pipelines",
      "Compare models with cross-validation and the right metric",
      "Explain model predictions to non-technical stakeholders",
    ],
    includes: [
      "Full course access",
      "1-on-1 peer teaching sessions",
      "Certificate on completion",
      "Lifetime access to materials",
      "Jupyter notebooks for every module",
    ],
    prerequisites: {
      required: ["Comfortable with Python basics (functions, lists, dictionaries)"],
      niceToHave: ["Some pandas experience", "High-school algebra and statistics"],
      notRequired: ["No calculus or linear algebra required"],
    },
    targetAudience: [
      "Analysts ready to move from dashboards to predictions",
      "Software engineers adding ML to their toolkit",
      "Graduate students who need applied ML for research",
    ],
    testimonials: [
      {
        quote:
          "Priya's course is the first time cross-validation actually clicked for me. Now I teach it to others.",
        studentName: "Mei",
        studentRole: "Now a Student-Teacher",
        isFeatured: true,
      },
      {
        quote:
          "Real datasets, real mistakes, real fixes. Exactly what I needed before my first ML project at work.",
        studentName: "Arjun",
        studentRole: "Business Analyst",
        isFeatured: false,
      },
    ],
    tags: ["machine learning", "scikit-learn", "Python", "model evaluation"],
    modules: [
      {
        order: 1,
        title: "Framing ML Problems",
        description:
          "Turn vague questions into prediction tasks with a target, features and a success metric.",
        duration: "Week 1",
        videoCount: 2,
        readingCount: 2,
        hasAssessment: false,
      },
      {
        order: 2,
        title: "Data Preparation and Feature Engineering",
        description:
          "Missing values, encodings, scaling and leakage — built into scikit-learn pipelines you can reuse.",
        duration: "Weeks 2–3",
        videoCount: 4,
        readingCount: 1,
        hasAssessment: true,
      },
      {
        order: 3,
        title: "Linear and Tree-Based Models",
        description:
          "Logistic regression, decision trees, random forests and gradient boosting, and how to pick between them.",
        duration: "Week 4",
        videoCount: 3,
        readingCount: 1,
        hasAssessment: false,
      },
      {
        order: 4,
        title: "Evaluation and Cross-Validation",
        description:
          "Choose metrics that match the business cost of errors and validate without fooling yourself.",
        duration: "Week 5",
        videoCount: 3,
        readingCount: 2,
        hasAssessment: true,
      },
      {
        order: 5,
        title: "Tuning and Interpretability",
        description:
          "Hyperparameter search, feature importance and SHAP values explained for a non-technical audience.",
        duration: "Weeks 6–7",
        videoCount: 3,
        readingCount: 1,
        hasAssessment: false,
      },
      {
        order: 6,
        title: "Capstone: An End-to-End Model",
        description:
          "Take a dataset of your choice from question to presented model, reviewed 1-on-1 with your teacher.",
        duration: "Week 8",
        videoCount: 1,
        readingCount: 1,
        hasAssessment: true,
      },
    ],
  },
  {
    slug: "data-science-with-python",
    title: "Data Science with Python",
    creator: "priya",
    category: "data-science",
    tagline: "From spreadsheet to insight: pandas, charts and storytelling for absolute beginners.",
    description:
      "Learn Python through data. Starting from zero, you will load, clean, explore and visualise real datasets, and finish by presenting a short data story. Designed for people coming from Excel who want more power and reproducibility.",
    duration: "6 weeks",
    durationWeeks: 6,
    format: "Weekly 1-on-1 sessions with notebook assignments",
    level: "beginner",
    priceCents: 12950,
    currency: "USD",
    badge: "popular",
    hasCertificate: true,
    certificateName: "Certificate of Completion",
    isActive: true,
    teacherCommission: 70,
    objectives: [
      "Write basic Python in Jupyter notebooks",
      "Load, clean and reshape data with pandas",
      "Create clear charts with matplotlib and seaborn",
      "Present findings as a short, honest data story",
    ],
    includes: [
      "Full course access",
      "1-on-1 peer teaching sessions",
      "Certificate on completion",
      "Lifetime access to materials",
      "Discord community access",
    ],
    prerequisites: {
      required: ["A computer that can run Jupyter (or a free Google Colab account)"],
      niceToHave: ["Experience with Excel or Google Sheets"],
      notRequired: ["No programming experience needed", "No statistics background required"],
    },
    targetAudience: [
      "Excel users who want to work with bigger data",
      "Career changers exploring data roles",
      "Researchers who need to analyse their own data",
    ],
    testimonials: [
      {
        quote:
          "I came from customer service with zero Python. Six weeks later I was doing the weekly sales analysis at work.",
        studentName: "Aisha",
        studentRole: "Now a Student-Teacher",
        isFeatured: true,
      },
    ],
    tags: ["data science", "Python", "pandas", "data visualization", "beginners"],
    modules: [
      {
        order: 1,
        title: "Python Basics in Jupyter",
        description:
          "Variables, lists, loops and functions, learned by exploring a small dataset instead of toy examples.",
        duration: "Week 1",
        videoCount: 4,
        readingCount: 1,
        hasAssessment: false,
      },
      {
        order: 2,
        title: "Loading and Inspecting Data with pandas",
        description:
          "Read CSV and Excel files, inspect columns and types, and select the rows you need.",
        duration: "Week 2",
        videoCount: 3,
        readingCount: 1,
        hasAssessment: true,
      },
      {
        order: 3,
        title: "Cleaning Messy Data",
        description:
          "Fix missing values, inconsistent labels and wrong types in a deliberately messy public dataset.",
        duration: "Week 3",
        videoCount: 3,
        readingCount: 2,
        hasAssessment: false,
      },
      {
        order: 4,
        title: "Grouping, Joining and Reshaping",
        description:
          "groupby, merge and pivot tables — everything you used to do in Excel, but repeatable.",
        duration: "Week 4",
        videoCount: 3,
        readingCount: 1,
        hasAssessment: true,
      },
      {
        order: 5,
        title: "Visualising Data",
        description:
          "Choose the right chart, then build it in matplotlib and seaborn with labels a reader can trust.",
        duration: "Week 5",
        videoCount: 3,
        readingCount: 2,
        hasAssessment: false,
      },
      {
        order: 6,
        title: "Telling a Data Story",
        description:
          "Turn your analysis into a five-slide story and present it to your teacher for feedback.",
        duration: "Week 6",
        videoCount: 1,
        readingCount: 1,
        hasAssessment: true,
      },
    ],
  },
  {
    slug: "nlp-with-transformers",
    title: "NLP with Transformers",
    creator: "priya",
    category: "nlp",
    tagline: "Fine-tune, evaluate and deploy transformer models for real text problems.",
    description:
      "An advanced course on modern NLP. You will go from tokenisation and attention to fine-tuning pre-trained transformers with Hugging Face, building retrieval pipelines, and evaluating models for accuracy and bias. Expect to read papers and write a fair amount of PyTorch.",
    duration: "7 weeks",
    durationWeeks: 7,
    format: "Weekly 1-on-1 sessions with a fine-tuning project",
    level: "advanced",
    priceCents: 44900,
    currency: "USD",
    hasCertificate: true,
    certificateName: "Certificate of Completion",
    isActive: true,
    teacherCommission: 70,
    objectives: [
      "Explain tokenisation, embeddings and self-attention",
      "Fine-tune a pre-trained transformer for classification",
      "Build a retrieval-augmented question-answering pipeline",
      "Evaluate NLP models for accuracy, robustness and bias",
    ],
    includes: [
      "Full course access",
      "1-on-1 peer teaching sessions",
      "Certificate on completion",
      "GPU notebook templates",
    ],
    prerequisites: {
      required: [
        "Solid Python and some PyTorch or TensorFlow",
        "Completed Practical Machine Learning or equivalent",
      ],
      niceToHave: ["Linear algebra basics (vectors, matrix multiplication)"],
      notRequired: ["No prior NLP experience required"],
    },
    targetAudience: [
      "ML engineers moving into language models",
      "Data scientists working with text data",
      "Researchers who need custom NLP models",
    ],
    testimonials: [
      {
        quote: "Dense but worth it. The bias-evaluation module changed how our team ships models.",
        studentName: "Farah",
        studentRole: "ML Engineer",
        isFeatured: true,
      },
    ],
    tags: ["NLP", "transformers", "Hugging Face", "PyTorch", "RAG"],
    modules: [
      {
        order: 1,
        title: "Tokens, Embeddings and Attention",
        description:
          "How text becomes numbers and how self-attention lets models use context, built up from scratch in a notebook.",
        duration: "Week 1",
        videoCount: 3,
        readingCount: 2,
        hasAssessment: false,
      },
      {
        order: 2,
        title: "The Hugging Face Ecosystem",
        description:
          "Models, tokenizers, datasets and pipelines — and how to read a model card critically.",
        duration: "Week 2",
        videoCount: 3,
        readingCount: 1,
        hasAssessment: false,
      },
      {
        order: 3,
        title: "Fine-Tuning for Classification",
        description:
          "Fine-tune a pre-trained model on a labelled dataset, track experiments and avoid overfitting.",
        duration: "Weeks 3–4",
        videoCount: 4,
        readingCount: 2,
        hasAssessment: true,
      },
      {
        order: 4,
        title: "Retrieval-Augmented Generation",
        description:
          "Chunk documents, embed them, retrieve the right passages and ground a generator's answers in them.",
        duration: "Week 5",
        videoCount: 3,
        readingCount: 2,
        hasAssessment: false,
      },
      {
        order: 5,
        title: "Evaluation, Robustness and Bias",
        description:
          "Go beyond accuracy: adversarial examples, slice-based evaluation and measuring demographic bias.",
        duration: "Week 6",
        videoCount: 2,
        readingCount: 3,
        hasAssessment: true,
      },
      {
        order: 6,
        title: "Serving Models in Production",
        description:
          "Quantisation, batching and a small inference API, plus a final review of your fine-tuning project.",
        duration: "Week 7",
        videoCount: 2,
        readingCount: 1,
        hasAssessment: true,
      },
    ],
  },
  {
    slug: "ai-for-healthcare-data",
    title: "AI for Healthcare Data",
    creator: "priya",
    category: "ai-in-healthcare",
    tagline: "Build clinical risk models the right way: privacy, bias and validation included.",
    description:
      "Healthcare data is messy, sensitive and high-stakes. This course teaches you to work with electronic health records, build and validate risk models, and meet the privacy and fairness bar clinicians expect. Based on Priya's work building models for hospital networks.",
    duration: "5 weeks",
    durationWeeks: 5,
    format: "Weekly 1-on-1 sessions with a synthetic EHR project",
    level: "intermediate",
    priceCents: 24900,
    currency: "USD",
    badge: "new",
    hasCertificate: true,
    certificateName: "Certificate in Healthcare AI",
    isActive: true,
    teacherCommission: 70,
    objectives: [
      "Navigate the structure of electronic health records",
      "Handle protected health information safely",
      "Build and calibrate a clinical risk model",
      "Audit a model for subgroup bias before deployment",
    ],
    includes: [
      "Full course access",
      "1-on-1 peer teaching sessions",
      "Certificate on completion",
      "Synthetic EHR dataset",
      "Lifetime access to materials",
    ],
    prerequisites: {
      required: ["Python and pandas", "Basic understanding of classification models"],
      niceToHave: ["Exposure to healthcare or life sciences"],
      notRequired: ["No clinical background required"],
    },
    targetAudience: [
      "Data scientists moving into health tech",
      "Clinicians and researchers learning applied ML",
      "Analysts at hospitals and insurers",
    ],
    testimonials: [
      {
        quote:
          "The bias audit module is something every health-tech team should go through. Practical and sobering.",
        studentName: "Tunde",
        studentRole: "Clinical Informatics Fellow",
        isFeatured: true,
      },
    ],
    tags: ["healthcare AI", "EHR", "clinical models", "fairness", "privacy"],
    modules: [
      {
        order: 1,
        title: "Healthcare Data 101",
        description:
          "Encounters, diagnoses, labs and medications: how EHR data is structured and where it goes wrong.",
        duration: "Week 1",
        videoCount: 3,
        readingCount: 2,
        hasAssessment: false,
      },
      {
        order: 2,
        title: "Privacy and De-identification",
        description:
          "HIPAA and GDPR in practice, de-identification techniques and safe workflows for sensitive data.",
        duration: "Week 2",
        videoCount: 2,
        readingCount: 3,
        hasAssessment: true,
      },
      {
        order: 3,
        title: "Building a Readmission Risk Model",
        description:
          "Define cohorts and outcomes, engineer features from visit history and train a first model.",
        duration: "Week 3",
        videoCount: 3,
        readingCount: 1,
        hasAssessment: false,
      },
      {
        order: 4,
        title: "Calibration and Clinical Validation",
        description:
          "Why a well-calibrated model matters more than AUC at the bedside, and how to validate over time.",
        duration: "Week 4",
        videoCount: 2,
        readingCount: 2,
        hasAssessment: true,
      },
      {
        order: 5,
        title: "Fairness Audits and Deployment",
        description:
          "Audit your model across age, sex and ethnicity subgroups, and plan a monitored pilot with clinicians.",
        duration: "Week 5",
        videoCount: 2,
        readingCount: 2,
        hasAssessment: true,
      },
    ],
  },

  // --- Lena ---
  {
    slug: "backend-apis-with-node",
    title: "Backend APIs with Node.js",
    creator: "lena",
    category: "backend-development",
    tagline: "Design, build and test production-ready REST APIs with Node.js and PostgreSQL.",
    description:
      "Build a complete REST API from an empty folder: routing, validation, a PostgreSQL database, authentication, tests and deployment. Lena reviews the design choices that matter in production — error handling, migrations, pagination and idempotency.",
    duration: "6 weeks",
    durationWeeks: 6,
    format: "Weekly 1-on-1 sessions with code review",
    level: "intermediate",
    priceCents: 19900,
    currency: "USD",
    hasCertificate: true,
    certificateName: "Certificate of Completion",
    isActive: true,
    teacherCommission: 70,
    objectives: [
      "Design resource-oriented REST endpoints",
      "Validate input and return consistent errors",
      "Model data in PostgreSQL with migrations",
      "Implement session-based authentication",
      "Write integration tests that run in CI",
    ],
    includes: [
      "Full course access",
      "1-on-1 peer teaching sessions",
      "Certificate on completion",
      "Code review on every assignment",
      "Lifetime access to materials",
    ],
    prerequisites: {
      required: ["JavaScript fundamentals (functions, promises, async/await)"],
      niceToHave: ["Some SQL", "Familiarity with Git"],
      notRequired: ["No prior backend experience needed"],
    },
    targetAudience: [
      "Front-end developers going full-stack",
      "Bootcamp graduates filling in backend gaps",
      "Developers from other languages learning Node.js",
    ],
    testimonials: [
      {
        quote:
          "The code reviews were brutal in the best way. My API at work now has proper error handling and tests.",
        studentName: "Tomás",
        studentRole: "Now a Student-Teacher",
        isFeatured: true,
      },
    ],
    tags: ["Node.js", "REST APIs", "PostgreSQL", "backend", "testing"],
    modules: [
      {
        order: 1,
        title: "HTTP and API Design",
        description:
          "Resources, verbs, status codes and error shapes — design the API before writing code.",
        duration: "Week 1",
        videoCount: 3,
        readingCount: 2,
        hasAssessment: false,
      },
      {
        order: 2,
        title: "Routing and Validation",
        description:
          "Set up a Hono server, validate every request with zod and return consistent errors.",
        duration: "Week 2",
        videoCount: 3,
        readingCount: 1,
        hasAssessment: true,
      },
      {
        order: 3,
        title: "PostgreSQL and Migrations",
        description:
          "Schema design, migrations and queries with an ORM, plus transactions and constraints.",
        duration: "Week 3",
        videoCount: 4,
        readingCount: 1,
        hasAssessment: false,
      },
      {
        order: 4,
        title: "Authentication and Authorization",
        description: "Password hashing, sessions, cookies and checking permissions on every route.",
        duration: "Week 4",
        videoCount: 3,
        readingCount: 2,
        hasAssessment: true,
      },
      {
        order: 5,
        title: "Testing and CI",
        description:
          "Integration tests against a real database, run automatically on every pull request.",
        duration: "Week 5",
        videoCount: 2,
        readingCount: 1,
        hasAssessment: false,
      },
      {
        order: 6,
        title: "Production Readiness",
        description:
          "Pagination, idempotency keys, logging and a first deployment, then a final code review.",
        duration: "Week 6",
        videoCount: 2,
        readingCount: 2,
        hasAssessment: true,
      },
    ],
  },
  {
    // Retired by its creator after AWS reworked its console; kept for past students.
    slug: "aws-cloud-essentials",
    title: "AWS Cloud Essentials",
    creator: "lena",
    category: "cloud-computing",
    tagline: "Your first month on AWS: accounts, compute, storage and not getting a surprise bill.",
    description:
      "A beginner-friendly tour of the AWS services most teams use first: IAM, EC2, S3, RDS and CloudWatch. Retired in favour of an updated course; existing students keep lifetime access to the materials.",
    duration: "4 weeks",
    durationWeeks: 4,
    format: "Weekly 1-on-1 sessions",
    level: "beginner",
    priceCents: 9900,
    currency: "USD",
    hasCertificate: true,
    certificateName: "Certificate of Completion",
    isActive: false,
    isRetired: true,
    teacherCommission: 70,
    objectives: [
      "Set up a secure AWS account with IAM users and MFA",
      "Launch and connect to an EC2 instance",
      "Store and serve files from S3",
      "Set budgets and alarms to control cost",
    ],
    includes: [
      "Full course access",
      "1-on-1 peer teaching sessions",
      "Certificate on completion",
      "Lifetime access to materials",
    ],
    prerequisites: {
      required: ["An AWS account (free tier is enough)"],
      niceToHave: ["Basic Linux command-line skills"],
      notRequired: ["No cloud experience needed"],
    },
    targetAudience: [
      "IT professionals starting with cloud",
      "Developers deploying their first app to AWS",
    ],
    testimonials: [
      {
        quote: "Clear, calm and practical. The billing alarms module saved me real money.",
        studentName: "Noah",
        studentRole: "IT Support Engineer",
        isFeatured: true,
      },
    ],
    tags: ["AWS", "cloud", "EC2", "S3", "beginners"],
    modules: [
      {
        order: 1,
        title: "Accounts, IAM and Security Basics",
        description:
          "Root account hygiene, IAM users and roles, MFA and the principle of least privilege.",
        duration: "Week 1",
        videoCount: 3,
        readingCount: 1,
        hasAssessment: true,
      },
      {
        order: 2,
        title: "Compute with EC2",
        description:
          "Launch, connect to and secure a virtual machine; understand instance types and pricing.",
        duration: "Week 2",
        videoCount: 3,
        readingCount: 1,
        hasAssessment: false,
      },
      {
        order: 3,
        title: "Storage with S3 and RDS",
        description: "Buckets, permissions and static hosting, then a managed PostgreSQL database.",
        duration: "Week 3",
        videoCount: 3,
        readingCount: 2,
        hasAssessment: false,
      },
      {
        order: 4,
        title: "Monitoring and Cost Control",
        description: "CloudWatch metrics and alarms, budgets and tagging so nothing surprises you.",
        duration: "Week 4",
        videoCount: 2,
        readingCount: 1,
        hasAssessment: true,
      },
    ],
  },
  {
    slug: "devops-ci-cd-pipelines",
    title: "DevOps: CI/CD Pipelines",
    creator: "lena",
    category: "devops",
    tagline: "Automate build, test and deploy with Docker and GitHub Actions — and sleep at night.",
    description:
      "Learn to take an application from a developer's laptop to production automatically. You will containerise a service, build a CI pipeline with GitHub Actions, add quality gates, and deploy with safe rollouts and rollbacks.",
    duration: "6 weeks",
    durationWeeks: 6,
    format: "Weekly 1-on-1 sessions with a pipeline project",
    level: "intermediate",
    priceCents: 17450,
    currency: "USD",
    badge: "new",
    hasCertificate: true,
    certificateName: "Certificate of Completion",
    isActive: true,
    teacherCommission: 70,
    objectives: [
      "Containerise an application with Docker",
      "Build a CI pipeline with tests and linting",
      "Deploy automatically with blue-green or canary releases",
      "Manage secrets and environments safely",
    ],
    includes: [
      "Full course access",
      "1-on-1 peer teaching sessions",
      "Certificate on completion",
      "Pipeline templates",
      "Lifetime access to materials",
    ],
    prerequisites: {
      required: ["Comfortable with Git and the command line"],
      niceToHave: ["Some experience writing a web application", "Basic Linux administration"],
      notRequired: ["No Kubernetes experience needed"],
    },
    targetAudience: [
      "Developers who deploy by hand today",
      "IT and support engineers moving into DevOps",
      "Team leads introducing CI/CD to their team",
    ],
    testimonials: [
      {
        quote:
          "We went from Friday-night manual deploys to ten deploys a day. Lena's rollback drills are gold.",
        studentName: "Priyanka",
        studentRole: "Engineering Lead",
        isFeatured: true,
      },
      {
        quote: "Clear explanations and a teacher who had clearly been on call before.",
        studentName: "Sam",
        studentRole: "Junior DevOps Engineer",
        isFeatured: false,
      },
    ],
    tags: ["DevOps", "CI/CD", "GitHub Actions", "Docker", "deployment"],
    modules: [
      {
        order: 1,
        title: "Why CI/CD",
        description:
          "The cost of manual releases, DORA metrics, and a tour of the pipeline you will build.",
        duration: "Week 1",
        videoCount: 2,
        readingCount: 2,
        hasAssessment: false,
      },
      {
        order: 2,
        title: "Docker Fundamentals",
        description: "Images, containers, multi-stage builds and keeping images small and secure.",
        duration: "Week 2",
        videoCount: 3,
        readingCount: 1,
        hasAssessment: true,
      },
      {
        order: 3,
        title: "Continuous Integration with GitHub Actions",
        description:
          "Workflows, jobs and caching; run tests, linting and type checks on every pull request.",
        duration: "Week 3",
        videoCount: 3,
        readingCount: 1,
        hasAssessment: false,
      },
      {
        order: 4,
        title: "Quality Gates and Artifacts",
        description:
          "Branch protection, required checks, versioned images and a container registry.",
        duration: "Week 4",
        videoCount: 2,
        readingCount: 1,
        hasAssessment: false,
      },
      {
        order: 5,
        title: "Continuous Deployment and Rollbacks",
        description:
          "Environments, secrets, blue-green and canary releases, and a rehearsed rollback.",
        duration: "Week 5",
        videoCount: 3,
        readingCount: 2,
        hasAssessment: true,
      },
      {
        order: 6,
        title: "Observability for Pipelines",
        description:
          "Deployment markers, alerts and post-incident reviews that make the pipeline better.",
        duration: "Week 6",
        videoCount: 2,
        readingCount: 1,
        hasAssessment: true,
      },
    ],
  },
  {
    slug: "system-design-interviews",
    title: "System Design for Senior Engineers",
    creator: "lena",
    category: "system-design",
    tagline: "Design scalable systems and defend your trade-offs — in interviews and in real life.",
    description:
      "An advanced course built on mock interviews. Each week covers a core building block — caching, data partitioning, queues, consistency — then applies it to a classic design problem you present live. Lena and certified teachers give detailed written feedback after every mock.",
    duration: "8 weeks",
    durationWeeks: 8,
    format: "Weekly 1-on-1 mock interviews with written feedback",
    level: "advanced",
    priceCents: 27900,
    currency: "USD",
    badge: "featured",
    hasCertificate: false,
    isActive: true,
    teacherCommission: 60,
    objectives: [
      "Run a structured 45-minute system design interview",
      "Estimate capacity and identify bottlenecks quickly",
      "Choose between consistency models with clear reasoning",
      "Design for failure: retries, idempotency and backpressure",
    ],
    includes: [
      "Full course access",
      "1-on-1 mock interviews",
      "Written feedback after every mock",
      "Design diagram templates",
    ],
    prerequisites: {
      required: ["Three or more years of professional software engineering"],
      niceToHave: ["Experience operating a production service"],
      notRequired: ["No prior interview coaching needed"],
    },
    targetAudience: [
      "Engineers preparing for senior or staff interviews",
      "Tech leads who want to make design reviews sharper",
    ],
    testimonials: [
      {
        quote:
          "Eight mocks with real feedback did more for me than three months of reading. Got the staff offer.",
        studentName: "Wei",
        studentRole: "Staff Software Engineer",
        isFeatured: true,
      },
    ],
    tags: ["system design", "distributed systems", "interviews", "scalability"],
    modules: [
      {
        order: 1,
        title: "The Interview Framework",
        description:
          "Requirements, estimates, high-level design, deep dives and wrap-up in 45 minutes.",
        duration: "Week 1",
        videoCount: 2,
        readingCount: 2,
        hasAssessment: false,
      },
      {
        order: 2,
        title: "Caching and CDNs",
        description:
          "Cache-aside, write-through, invalidation and hot keys. Mock: a URL shortener.",
        duration: "Week 2",
        videoCount: 2,
        readingCount: 2,
        hasAssessment: true,
      },
      {
        order: 3,
        title: "Data Partitioning and Replication",
        description:
          "Sharding strategies, leader-follower replication and rebalancing. Mock: a chat service.",
        duration: "Weeks 3–4",
        videoCount: 3,
        readingCount: 2,
        hasAssessment: true,
      },
      {
        order: 4,
        title: "Queues, Streams and Async Work",
        description:
          "At-least-once delivery, idempotent consumers and backpressure. Mock: a notification system.",
        duration: "Week 5",
        videoCount: 2,
        readingCount: 2,
        hasAssessment: true,
      },
      {
        order: 5,
        title: "Consistency and Transactions",
        description:
          "Strong versus eventual consistency, sagas and offline-first sync. Mock: a collaborative editor.",
        duration: "Weeks 6–7",
        videoCount: 3,
        readingCount: 3,
        hasAssessment: true,
      },
      {
        order: 6,
        title: "Final Mock and Debrief",
        description:
          "A full-length mock with a surprise problem, followed by a personal improvement plan.",
        duration: "Week 8",
        videoCount: 0,
        readingCount: 1,
        hasAssessment: true,
      },
    ],
  },
  {
    slug: "fullstack-web-apps",
    title: "Full-Stack Web Apps from Scratch",
    creator: "lena",
    category: "full-stack-development",
    tagline:
      "Build and deploy a complete web app — front end, API, database and auth — in eight weeks.",
    description:
      "A project-based course where you build one real application end to end: a responsive front end in TypeScript, an API, a PostgreSQL database, user accounts and a production deployment. Ideal as a next step after Intro to Claude Code for learners who want to understand the code their AI writes.",
    duration: "8 weeks",
    durationWeeks: 8,
    format: "Weekly 1-on-1 sessions with a capstone project",
    level: "intermediate",
    priceCents: 32900,
    currency: "USD",
    badge: "popular",
    hasCertificate: true,
    certificateName: "Certificate of Completion",
    isActive: true,
    teacherCommission: 70,
    objectives: [
      "Build a responsive front end with TypeScript and components",
      "Connect the front end to your own API",
      "Store data in PostgreSQL and add user accounts",
      "Deploy the full stack with a custom domain",
    ],
    includes: [
      "Full course access",
      "1-on-1 peer teaching sessions",
      "Certificate on completion",
      "Lifetime access to materials",
      "Discord community access",
    ],
    prerequisites: {
      required: ["Basic HTML, CSS and JavaScript"],
      niceToHave: ["Completed Intro to Claude Code", "Some Git experience"],
      notRequired: ["No backend or database experience needed"],
    },
    targetAudience: [
      "Self-taught developers who want the full picture",
      "Vibe coders who want to understand what they ship",
      "Designers who want to build their own products",
    ],
    testimonials: [
      {
        quote:
          "I finally understand how the pieces connect. My side project now has real users and a real database.",
        studentName: "Lucas",
        studentRole: "Product Designer",
        isFeatured: true,
      },
    ],
    tags: ["full-stack", "TypeScript", "web development", "PostgreSQL", "deployment"],
    modules: [
      {
        order: 1,
        title: "Project Kick-off and Tooling",
        description: "Pick your app idea, set up the editor, Node.js, Git and a project skeleton.",
        duration: "Week 1",
        videoCount: 2,
        readingCount: 1,
        hasAssessment: false,
      },
      {
        order: 2,
        title: "TypeScript for the Web",
        description: "Types, modules and the DOM — enough TypeScript to build with confidence.",
        duration: "Week 2",
        videoCount: 3,
        readingCount: 2,
        hasAssessment: true,
      },
      {
        order: 3,
        title: "Components and Layout",
        description: "Build reusable UI components and a responsive layout that works on phones.",
        duration: "Week 3",
        videoCount: 3,
        readingCount: 1,
        hasAssessment: false,
      },
      {
        order: 4,
        title: "Your First API",
        description: "Create endpoints for your app's data and call them from the front end.",
        duration: "Week 4",
        videoCount: 3,
        readingCount: 1,
        hasAssessment: false,
      },
      {
        order: 5,
        title: "Databases with PostgreSQL",
        description:
          "Model your data, write migrations and move from in-memory storage to a real database.",
        duration: "Week 5",
        videoCount: 3,
        readingCount: 2,
        hasAssessment: true,
      },
      {
        order: 6,
        title: "User Accounts and Security",
        description: "Sign-up, login, sessions and the security basics every public app needs.",
        duration: "Week 6",
        videoCount: 3,
        readingCount: 2,
        hasAssessment: false,
      },
      {
        order: 7,
        title: "Offline and Performance Basics",
        description: "Caching, loading states and making the app feel fast on a slow connection.",
        duration: "Week 7",
        videoCount: 2,
        readingCount: 1,
        hasAssessment: false,
      },
      {
        order: 8,
        title: "Deploy and Demo Day",
        description:
          "Deploy front end, API and database, add a custom domain and present your app.",
        duration: "Week 8",
        videoCount: 2,
        readingCount: 1,
        hasAssessment: true,
      },
    ],
  },
];

// ---------------------------------------------------------------------------------------
// Student-Teacher certifications — each on a course the user completed (see enrollments)
// ---------------------------------------------------------------------------------------

export const demoStudentTeachers: DemoStudentTeacher[] = [
  {
    user: "marcus",
    course: "intro-to-claude-code",
    certifiedDate: "2026-05-20",
    approvedBy: "gabriel",
    isActive: true,
  },
  {
    user: "marcus",
    course: "prompt-engineering-foundations",
    certifiedDate: "2026-07-20",
    approvedBy: "gabriel",
    isActive: true,
  },
  {
    user: "aisha",
    course: "data-science-with-python",
    certifiedDate: "2026-05-08",
    approvedBy: "priya",
    isActive: true,
  },
  {
    // Paused: Aisha stopped taking new Claude Code students to focus on data science.
    user: "aisha",
    course: "intro-to-claude-code",
    certifiedDate: "2026-07-15",
    approvedBy: "gabriel",
    isActive: false,
  },
  {
    user: "tomas",
    course: "backend-apis-with-node",
    certifiedDate: "2026-06-02",
    approvedBy: "lena",
    isActive: true,
  },
  {
    user: "tomas",
    course: "devops-ci-cd-pipelines",
    certifiedDate: "2026-07-28",
    approvedBy: "lena",
    isActive: true,
  },
  {
    user: "mei",
    course: "practical-machine-learning",
    certifiedDate: "2026-06-25",
    approvedBy: "priya",
    isActive: true,
  },
];

// ---------------------------------------------------------------------------------------
// Enrollments
// ---------------------------------------------------------------------------------------

export const demoEnrollments: DemoEnrollment[] = [
  // Student-Teachers' own completed courses (what qualifies them to teach).
  {
    student: "marcus",
    course: "intro-to-claude-code",
    status: "completed",
    enrolledDaysAgo: 210,
    completedModules: 7,
  },
  {
    student: "marcus",
    course: "prompt-engineering-foundations",
    status: "completed",
    enrolledDaysAgo: 170,
    completedModules: 5,
  },
  {
    student: "aisha",
    course: "data-science-with-python",
    status: "completed",
    enrolledDaysAgo: 260,
    completedModules: 6,
  },
  {
    student: "aisha",
    course: "intro-to-claude-code",
    teacher: "marcus",
    status: "completed",
    enrolledDaysAgo: 160,
    completedModules: 7,
  },
  {
    student: "tomas",
    course: "backend-apis-with-node",
    status: "completed",
    enrolledDaysAgo: 240,
    completedModules: 6,
  },
  {
    student: "tomas",
    course: "devops-ci-cd-pipelines",
    status: "completed",
    enrolledDaysAgo: 190,
    completedModules: 6,
  },
  {
    student: "mei",
    course: "practical-machine-learning",
    status: "completed",
    enrolledDaysAgo: 230,
    completedModules: 6,
  },
  // Student-Teachers still learning.
  {
    student: "marcus",
    course: "ai-product-management",
    status: "in_progress",
    enrolledDaysAgo: 45,
    completedModules: 2,
  },
  {
    student: "mei",
    course: "ai-for-healthcare-data",
    status: "in_progress",
    enrolledDaysAgo: 28,
    completedModules: 3,
  },

  // Sarah: the course graduate from the testimonial.
  {
    student: "sarah",
    course: "intro-to-claude-code",
    teacher: "marcus",
    status: "completed",
    enrolledDaysAgo: 75,
    completedModules: 7,
  },
  {
    student: "sarah",
    course: "prompt-engineering-foundations",
    teacher: "marcus",
    status: "in_progress",
    enrolledDaysAgo: 30,
    completedModules: 3,
  },
  {
    student: "sarah",
    course: "fullstack-web-apps",
    status: "in_progress",
    enrolledDaysAgo: 12,
    completedModules: 2,
  },

  // Jordan (`demo`): the account for showing "My learning".
  {
    student: "demo",
    course: "intro-to-claude-code",
    teacher: "marcus",
    status: "in_progress",
    enrolledDaysAgo: 21,
    completedModules: 3,
  },
  {
    student: "demo",
    course: "practical-machine-learning",
    teacher: "mei",
    status: "in_progress",
    enrolledDaysAgo: 40,
    completedModules: 2,
  },
  {
    student: "demo",
    course: "data-science-with-python",
    teacher: "aisha",
    status: "in_progress",
    enrolledDaysAgo: 55,
    completedModules: 4,
  },
  {
    student: "demo",
    course: "backend-apis-with-node",
    teacher: "tomas",
    status: "enrolled",
    enrolledDaysAgo: 2,
    completedModules: 0,
  },

  // Ravi
  {
    student: "ravi",
    course: "data-science-with-python",
    teacher: "aisha",
    status: "completed",
    enrolledDaysAgo: 140,
    completedModules: 6,
  },
  {
    student: "ravi",
    course: "nlp-with-transformers",
    status: "in_progress",
    enrolledDaysAgo: 35,
    completedModules: 2,
  },

  // Chloé
  {
    student: "chloe",
    course: "prompt-engineering-foundations",
    teacher: "marcus",
    status: "completed",
    enrolledDaysAgo: 90,
    completedModules: 5,
  },
  {
    student: "chloe",
    course: "ai-product-management",
    status: "enrolled",
    enrolledDaysAgo: 3,
    completedModules: 0,
  },
  {
    student: "chloe",
    course: "fullstack-web-apps",
    status: "cancelled",
    enrolledDaysAgo: 60,
    completedModules: 1,
    cancelReason:
      "Moved to a new team at work and can't commit to weekly sessions right now — hoping to come back next quarter.",
  },

  // Noah
  {
    student: "noah",
    course: "aws-cloud-essentials",
    status: "completed",
    enrolledDaysAgo: 300,
    completedModules: 4,
  },
  {
    student: "noah",
    course: "devops-ci-cd-pipelines",
    teacher: "tomas",
    status: "in_progress",
    enrolledDaysAgo: 25,
    completedModules: 3,
  },
  {
    student: "noah",
    course: "system-design-interviews",
    status: "enrolled",
    enrolledDaysAgo: 5,
    completedModules: 0,
  },
];

// ---------------------------------------------------------------------------------------
// Goodwill rewards — the four thresholds of CD-023
// ---------------------------------------------------------------------------------------

export const demoRewards: DemoReward[] = [
  {
    pointsThreshold: 500,
    rewardType: "badge",
    rewardValue: "Community Helper",
    description: 'Badge: "Community Helper", shown on your profile and next to your posts.',
  },
  {
    pointsThreshold: 1000,
    rewardType: "discount",
    rewardValue: "10%",
    description: "10% discount on your next course.",
  },
  {
    pointsThreshold: 2500,
    rewardType: "free_session",
    rewardValue: "1 session",
    description: "A free 1-on-1 session with any Creator.",
  },
  {
    pointsThreshold: 5000,
    rewardType: "revenue_bonus",
    rewardValue: "5%",
    description: "Revenue share bonus: an extra 5% on everything you earn teaching.",
  },
];

// ---------------------------------------------------------------------------------------
// Social graph
// ---------------------------------------------------------------------------------------

export const demoFollows: { follower: string; followed: string }[] = [
  { follower: "demo", followed: "gabriel" },
  { follower: "demo", followed: "marcus" },
  { follower: "demo", followed: "priya" },
  { follower: "sarah", followed: "gabriel" },
  { follower: "sarah", followed: "marcus" },
  { follower: "sarah", followed: "lena" },
  { follower: "marcus", followed: "gabriel" },
  { follower: "gabriel", followed: "marcus" },
  { follower: "aisha", followed: "priya" },
  { follower: "mei", followed: "priya" },
  { follower: "tomas", followed: "lena" },
  { follower: "ravi", followed: "priya" },
  { follower: "chloe", followed: "gabriel" },
  { follower: "noah", followed: "lena" },
  { follower: "noah", followed: "tomas" },
  { follower: "employer", followed: "gabriel" },
];

export const demoCourseFollows: { user: string; course: string }[] = [
  { user: "demo", course: "nlp-with-transformers" },
  { user: "demo", course: "ai-product-management" },
  { user: "sarah", course: "ai-product-management" },
  { user: "ravi", course: "practical-machine-learning" },
  { user: "chloe", course: "intro-to-claude-code" },
  { user: "noah", course: "fullstack-web-apps" },
  { user: "aisha", course: "ai-for-healthcare-data" },
  { user: "employer", course: "intro-to-claude-code" },
  { user: "employer", course: "data-science-with-python" },
];

// ---------------------------------------------------------------------------------------
// Direct messages — `minutesAgo` decreases through each conversation
// ---------------------------------------------------------------------------------------

export const demoConversations: {
  participants: string[];
  messages: { from: string; text: string; minutesAgo: number }[];
}[] = [
  {
    // Student ↔ Student-Teacher
    participants: ["demo", "marcus"],
    messages: [
      {
        from: "demo",
        text: "Hi Marcus! I finished module 3 and my About-me page works. Could we do session 2 this Thursday evening?",
        minutesAgo: 2890,
      },
      {
        from: "marcus",
        text: "Nice work, Jordan! Thursday works — 6 pm your time (noon for me). Before then, try building the first version of your project from module 4.",
        minutesAgo: 2815,
      },
      {
        from: "demo",
        text: "Will do. Claude keeps rewriting my whole CSS file when I ask for one small change though. Normal?",
        minutesAgo: 1440,
      },
      {
        from: "marcus",
        text: "Very normal! Tell it exactly which section to change and ask it to leave everything else alone. We'll also set up Git in session 2 so you can undo anything.",
        minutesAgo: 1395,
      },
      { from: "demo", text: "That helped a lot. See you Thursday 🙌", minutesAgo: 1380 },
    ],
  },
  {
    // Student ↔ Creator
    participants: ["sarah", "gabriel"],
    messages: [
      {
        from: "sarah",
        text: "Hi Gabriel — I loved Intro to Claude Code. Marcus mentioned graduates can become Student-Teachers. What would that involve?",
        minutesAgo: 7300,
      },
      {
        from: "gabriel",
        text: "Hi Sarah, so glad to hear it! You'd shadow two of Marcus's sessions, then teach one while I observe. If it goes well I approve your certification.",
        minutesAgo: 7050,
      },
      {
        from: "sarah",
        text: "That sounds doable. Is it a problem that I'm still pretty new to coding myself?",
        minutesAgo: 7020,
      },
      {
        from: "gabriel",
        text: "Not at all — that's exactly why students relate to you. You remember what was confusing. I'll send you Marcus's availability.",
        minutesAgo: 6900,
      },
    ],
  },
  {
    // Student-Teacher ↔ Creator
    participants: ["aisha", "priya"],
    messages: [
      {
        from: "aisha",
        text: "Hi Priya, two of my students got stuck on the same merge error in module 4. Could we add a short note about duplicate keys?",
        minutesAgo: 560,
      },
      {
        from: "priya",
        text: "Good catch, thank you! I'll add a reading this week. Would you be up for recording a 5-minute walkthrough of how you explain it?",
        minutesAgo: 480,
      },
      {
        from: "aisha",
        text: "Happy to! I'll record it over the weekend and share the link here.",
        minutesAgo: 455,
      },
    ],
  },
];
