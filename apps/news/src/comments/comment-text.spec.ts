import { neutraliseCommentText } from './comment-text';

describe('neutraliseCommentText', () => {
  it.each([
    ['<script>alert(1)</script>Рахмет!', 'Рахмет!'],
    ['<b>Керемет</b> жаңалық', 'Керемет жаңалық'],
    ['<img src=x onerror=alert(1)>Спасибо', 'Спасибо'],
    ['See https://evil.example.com/phish?x=1 now', 'See [link: evil.example.com] now'],
    ['www.Spam.kz/buy', '[link: www.spam.kz]'],
    ['javascript:alert(1)', 'alert(1)'],
    ['a &lt;b&gt; c', 'a ‹b› c'],
    ['1 < 2 > 0', '1 ‹ 2 › 0'],
    ['line\u0000one\n\n\n\nline two', 'lineone\n\nline two'],
  ])('%j → %j', (input, output) => {
    expect(neutraliseCommentText(input)).toBe(output);
  });

  it('never leaves a tag or a URL scheme', () => {
    const nasty = '<<script>script>alert(1)<</script>/script><a href="http://x.kz">x</a> ftp://files.kz/a';
    const out = neutraliseCommentText(nasty);
    expect(out).not.toMatch(/<|>/);
    expect(out).not.toMatch(/(https?|ftp):\/\//i);
  });
});
