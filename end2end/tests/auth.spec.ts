import { expect, Page } from "@playwright/test";
import { captchaAnswer, captchaLoaded, hydrated, test, uniqueUsername } from "./support";
import { newFiler } from "./review-helpers";

const PASSWORD = "Secret2026";

type Lang = {
  code: "zh-CN" | "en";
  register: string;
  accept: string;
  privacyTitle: string;
  submitRegister: string;
  registered: string;
  next: string;
  backToLogin: string;
  passwordError: string;
  loginSubmit: string;
  welcome: string;
  logout: string;
  loginTitle: string;
  mobileError: string;
  captchaWrong: string;
};

const LANGS: Lang[] = [
  {
    code: "zh-CN",
    register: "注册新用户（网站主办者）",
    accept: "接受",
    privacyTitle: "信息真实性与个人信息保护",
    submitRegister: "注册",
    registered: "注册成功",
    next: "下一步",
    backToLogin: "返回登录",
    passwordError: "密码",
    loginSubmit: "登录",
    welcome: "欢迎，",
    logout: "退出登录",
    loginTitle: "用户登录",
    mobileError: "手机号码应为 11 位数字",
    captchaWrong: "验证码错误",
  },
  {
    code: "en",
    register: "Register (site owners)",
    accept: "Accept",
    privacyTitle: "Truthful information and privacy",
    submitRegister: "Register",
    registered: "Registration complete",
    next: "Next",
    backToLogin: "Back to login",
    passwordError: "assword",
    loginSubmit: "Log in",
    welcome: "Welcome, ",
    logout: "Log out",
    loginTitle: "Log in",
    mobileError: "A mobile number has 11 digits",
    captchaWrong: "The characters do not match the image",
  },
];

/** Starts the browser in `lang`: Chinese is the default, English is the remembered choice. */
async function useLanguage(page: Page, lang: Lang) {
  if (lang.code === "en") {
    const url = new URL(test.info().project.use.baseURL!);
    await page.context().addCookies([{ name: "lang", value: "en", domain: url.hostname, path: "/" }]);
  }
}

async function logIn(page: Page, username: string, password: string, lang: Lang) {
  await captchaLoaded(page);
  await page.locator("#field-username").fill(username);
  await page.locator("#field-password").fill(password);
  await page.locator("#field-captcha").fill(await captchaAnswer(page.context()));
  await page.getByRole("button", { name: lang.loginSubmit, exact: true }).click();
}

/** On the filer home as `name`; logging out ends the session for real. */
async function onHomeThenLogOut(page: Page, lang: Lang, name: string) {
  await expect(page).toHaveURL(/\/filer$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(lang.welcome + name);
  await page.getByRole("button", { name: lang.logout }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/filer");
  await expect(page).toHaveURL(/\/login$/);
}

for (const lang of LANGS) {
  test(`[${lang.code}] a filer registers, logs in and logs out (JavaScript on)`, async ({ page }) => {
    await useLanguage(page, lang);
    const username = uniqueUsername("e2e");

    await page.goto("/");
    await hydrated(page);
    await page.getByRole("link", { name: lang.register }).click();
    // 接受 is recorded by the server: the form does not open by address.
    await expect(page).toHaveURL(/\/register$/);
    await page.getByRole("button", { name: lang.accept, exact: true }).click();
    await expect(page).toHaveURL(/\/register\/privacy/);
    // The address changes before the second screen replaces the first, and
    // both have a 接受: click only the second agreement's own.
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(lang.privacyTitle);
    await page.getByRole("button", { name: lang.accept, exact: true }).click();
    await expect(page).toHaveURL(/\/register\/form/);

    // Page 1, 账号信息: 下一步 checks it before page 2 opens.
    await expect(page.locator("#register-contact")).toBeHidden();
    await page.locator("#field-username").fill(username);
    await page.locator("#field-password").fill("short");
    await page.getByRole("button", { name: lang.next, exact: true }).click();
    await expect(page.locator("#field-password-error")).toContainText(lang.passwordError);
    await expect(page.locator("#register-contact")).toBeHidden();
    await page.locator("#field-password").fill(PASSWORD);
    await page.locator("#field-password_confirm").fill(PASSWORD);
    await page.getByRole("button", { name: lang.next, exact: true }).click();

    // Page 2, 联系信息.
    await expect(page.locator("#register-account")).toBeHidden();
    await page.locator("#field-real_name").fill("王五");
    // A bad mobile is flagged as the user leaves the field, before any submit.
    await page.locator("#field-mobile").fill("12345");
    await page.locator("#field-email").focus();
    await expect(page.locator("#field-mobile-error")).toContainText(lang.mobileError);
    await page.locator("#field-mobile").fill("13800138000");
    await expect(page.locator("#field-mobile-error")).toBeEmpty();
    await page.locator("#field-email").fill("wangwu@example.com");
    await page.locator('input[name="kind"][value="org"]').check();
    // Registration is behind the captcha, as login is.
    await captchaLoaded(page);
    await page.locator("#field-captcha").fill(await captchaAnswer(page.context()));
    await page.getByRole("button", { name: lang.submitRegister, exact: true }).click();

    // 注册成功, then 返回登录.
    await expect(page).toHaveURL(/\/register\/done/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(lang.registered);
    await page.getByRole("link", { name: lang.backToLogin }).click();
    await expect(page).toHaveURL(/\/login$/);

    // A wrong captcha is refused next to its field, and a fresh image appears.
    await captchaLoaded(page);
    await page.locator("#field-username").fill(username);
    await page.locator("#field-password").fill(PASSWORD);
    await page.locator("#field-captcha").fill("zzzzz");
    await page.getByRole("button", { name: lang.loginSubmit, exact: true }).click();
    await expect(page.locator("#field-captcha-error")).toContainText(lang.captchaWrong);
    await expect(page.locator("#field-username")).toHaveValue(username);

    await logIn(page, username, PASSWORD, lang);
    await onHomeThenLogOut(page, lang, "王五");
  });
}

for (const lang of LANGS) {
  test.describe(`[${lang.code}] without JavaScript`, () => {
    test.use({ javaScriptEnabled: false });

    test("login refuses a wrong captcha, then signs in and out", async ({ page, browser }) => {
      // An account of its own: signing in saves this browser's language on
      // the account, which other specs' accounts must not pick up.
      const username = await newFiler(browser, "Person2026", "张三");
      await useLanguage(page, lang);
      await page.goto("/login");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(lang.loginTitle);
      await captchaLoaded(page);
      await page.locator("#field-username").fill(username);
      await page.locator("#field-password").fill("Person2026");
      await page.locator("#field-captcha").fill("zzzzz");
      await page.getByRole("button", { name: lang.loginSubmit, exact: true }).click();
      await expect(page).toHaveURL(/\/login\?/);
      await expect(page.locator("#field-captcha-error")).toContainText(lang.captchaWrong);

      await logIn(page, username, "Person2026", lang);
      await onHomeThenLogOut(page, lang, "张三");
    });

    test("registration works through the agreement screens", async ({ page }) => {
      await useLanguage(page, lang);
      const username = uniqueUsername("nojs");
      // The form's address alone leads to the first agreement.
      await page.goto("/register/form");
      await expect(page).toHaveURL(/\/register$/);
      await page.getByRole("button", { name: lang.accept, exact: true }).click();
      await page.getByRole("button", { name: lang.accept, exact: true }).click();
      // Without JavaScript both pages of the form show, one above the other.
      await expect(page.locator("#register-account")).toBeVisible();
      await expect(page.locator("#register-contact")).toBeVisible();
      await page.locator("#field-username").fill(username);
      await page.locator("#field-password").fill(PASSWORD);
      await page.locator("#field-password_confirm").fill(PASSWORD);
      await page.locator("#field-real_name").fill("赵六");
      await page.locator("#field-mobile").fill("13900139000");
      await page.locator("#field-email").fill("zhaoliu@example.com");
      await page.locator('input[name="kind"][value="person"]').check();
      await captchaLoaded(page);
      await page.locator("#field-captcha").fill(await captchaAnswer(page.context()));
      await page.getByRole("button", { name: lang.submitRegister, exact: true }).click();
      await expect(page).toHaveURL(/\/register\/done/);
      await page.getByRole("link", { name: lang.backToLogin }).click();
      await logIn(page, username, PASSWORD, lang);
      await expect(page).toHaveURL(/\/filer$/);
    });
  });
}
